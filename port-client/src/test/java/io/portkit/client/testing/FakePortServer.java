package io.portkit.client.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted Port API on 127.0.0.1: per route ("METHOD /raw/path"), queued replies are served in
 * order, the last one repeating; a handler function may be set instead. The token route issues
 * "token-1", "token-2", ... unless scripted. Every request is recorded.
 */
public final class FakePortServer implements AutoCloseable {
  /** One recorded request. */
  public record Recorded(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    /** Returns the first value of a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** A scripted reply; a null status means: close the connection without answering. */
  public record Reply(Integer status, String body, Map<String, String> headers) {
    /** A JSON reply. */
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of());
    }

    /** A connection dropped without any answer. */
    public static Reply disconnect() {
      return new Reply(null, "", Map.of());
    }

    /** Returns a copy with one more header. */
    public Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, h);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Reply>> queues = new HashMap<>();
  private final Map<String, Function<Recorded, Reply>> handlers = new HashMap<>();
  private final List<Recorded> recorded = new ArrayList<>();
  private final AtomicInteger tokenCounter = new AtomicInteger();

  private FakePortServer() throws IOException {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** Starts a server on an ephemeral loopback port. */
  public static FakePortServer start() {
    try {
      return new FakePortServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Port server", e);
    }
  }

  /** Returns {@code http://127.0.0.1:port}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Queues replies for a route; the last one repeats. */
  public synchronized FakePortServer enqueue(String method, String path, Reply... replies) {
    Deque<Reply> q = queues.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
    q.addAll(List.of(replies));
    return this;
  }

  /** Replaces the queued replies of a route. */
  public synchronized FakePortServer replace(String method, String path, Reply... replies) {
    queues.remove(method + " " + path);
    return enqueue(method, path, replies);
  }

  /** Serves a route with a function. */
  public synchronized FakePortServer on(String method, String path, Function<Recorded, Reply> fn) {
    handlers.put(method + " " + path, fn);
    return this;
  }

  /** Returns every request so far. */
  public synchronized List<Recorded> requests() {
    return List.copyOf(recorded);
  }

  /** Returns the requests to one route. */
  public synchronized List<Recorded> requests(String method, String path) {
    return recorded.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** Returns how many token requests arrived. */
  public int tokenRequests() {
    return requests("POST", "/v1/auth/access_token").size();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), UTF_8);
    URI uri = ex.getRequestURI();
    Recorded r =
        new Recorded(
            ex.getRequestMethod(),
            uri.getRawPath(),
            uri.getRawQuery(),
            Map.copyOf(ex.getRequestHeaders()),
            body);
    Reply reply;
    synchronized (this) {
      recorded.add(r);
    }
    reply = replyFor(r);
    if (reply.status() == null) {
      ex.close(); // no status line: the client sees the connection end
      return;
    }
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", "application/json");
    byte[] bytes = reply.body().getBytes(UTF_8);
    ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Reply replyFor(Recorded r) {
    String key = r.method() + " " + r.path();
    Function<Recorded, Reply> fn;
    synchronized (this) {
      Deque<Reply> q = queues.get(key);
      if (q != null && !q.isEmpty()) {
        return q.size() > 1 ? q.poll() : q.peek();
      }
      fn = handlers.get(key);
    }
    if (fn != null) {
      return fn.apply(r);
    }
    if (key.equals("POST /v1/auth/access_token")) {
      return Reply.json(
          200,
          "{\"ok\":true,\"accessToken\":\"token-"
              + tokenCounter.incrementAndGet()
              + "\",\"expiresIn\":10800,\"tokenType\":\"Bearer\"}");
    }
    return Reply.json(404, "{\"ok\":false,\"error\":\"unscripted\",\"message\":\"" + key + "\"}");
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
