package io.portkit.webhook.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portkit.backend.PortBackend;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.webhook.http.WebhookEndpoint;
import io.portkit.webhook.http.WebhookRequest;
import io.portkit.webhook.http.WebhookResponse;
import io.portkit.webhook.internal.JdkHttpServerDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts a {@link WebhookEndpoint} on the JDK's built-in {@code HttpServer}: no extra dependencies.
 *
 * <pre>{@code
 * WebhookReceiver.serve(backend, 8080).awaitShutdown(); // until Ctrl-C or close()
 * }</pre>
 *
 * <p>A receiver installs a JVM shutdown hook by default, so Ctrl-C or SIGTERM stops intake and then
 * ends every run in flight instead of leaving it IN_PROGRESS; {@link Builder#shutdownHook(boolean)
 * shutdownHook(false)} opts out when something else (a framework, your own hook) calls {@link
 * #close()}.
 *
 * <p>Binds to 127.0.0.1 by default (expose it through a tunnel or reverse proxy). Reads each body
 * with the endpoint's limit enforced while reading, with or without {@code Content-Length}.
 * Thread-safe; {@link #close()} is idempotent, returns as soon as no exchange is in flight and
 * waits at most the stop grace period for those that are.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

  /** Default port when none is set. */
  public static final int DEFAULT_PORT = 8000;

  /** Default time {@link #close()} lets in-flight exchanges finish. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);

  /** The answer to an exchange that arrives while the receiver is closing. */
  private static final WebhookResponse SHUTTING_DOWN =
      new WebhookResponse(
          503,
          Map.of("Content-Type", "application/json; charset=utf-8", "Connection", "close"),
          ("{\"ok\":false,\"error\":\"shutting_down\",\"message\":\"the receiver is shutting"
                  + " down: deliver the run again later\"}")
              .getBytes(StandardCharsets.UTF_8));

  private final HttpServer server;
  private final WebhookEndpoint endpoint;
  private final ExecutorService ownedExecutor;
  private final Duration stopGrace;
  private final AtomicInteger state = new AtomicInteger(); // 0 new, 1 started, 2 closed
  private final ExchangeGate gate = new ExchangeGate();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final boolean installHook;
  private final @Nullable AutoCloseable backend;
  private @Nullable Thread hook; // set by start(), read by close()

  private WebhookReceiver(Builder b) throws IOException {
    this.endpoint = b.endpoint;
    this.stopGrace = b.stopGrace;
    this.installHook = b.shutdownHook;
    this.backend = b.backend;
    // TCP_NODELAY, room for idle keep-alive connections, a listen queue that holds a burst.
    this.server = JdkHttpServerDefaults.create(new InetSocketAddress(b.address, b.port), b.backlog);
    if (b.executor != null) {
      this.ownedExecutor = null;
      server.setExecutor(b.executor);
    } else {
      this.ownedExecutor = ownedExecutor(b);
      server.setExecutor(ownedExecutor);
    }
    server.createContext("/", this::exchange);
  }

  /**
   * The receiver's own executor: a fixed pool when {@link Builder#threads(int)} was set; else
   * virtual threads on Java 21+ (a synchronized action holds its exchange until the handler
   * answers, and a slow client holds one while its request arrives); else a pool of max(2,
   * processors) threads that grows on demand to 256 (see {@link ReceiverExecutors}).
   */
  private static ExecutorService ownedExecutor(Builder b) {
    return b.threadsSet
        ? ReceiverExecutors.fixed(b.threads)
        : ReceiverExecutors.defaultExecutor(b.threads);
  }

  /** Returns a builder; a backend, an endpoint, or a verifier and a dispatcher, are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves {@code backend} on {@code port} of the loopback address, with a shutdown hook, and
   * returns the started receiver; {@link #awaitShutdown()} then blocks until Ctrl-C or {@link
   * #close()}. Bind another address, or opt out of the hook, with {@link #builder()}.
   *
   * @param port the port, 0 for any free one
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static WebhookReceiver serve(PortBackend backend, int port) {
    return builder().backend(backend).port(port).start();
  }

  /**
   * Starts serving.
   *
   * @throws IllegalStateException if already started or closed
   */
  public WebhookReceiver start() {
    if (!state.compareAndSet(0, 1)) {
      throw new IllegalStateException("receiver already started or closed: build a new one");
    }
    server.start();
    if (installHook) {
      Thread t = new Thread(this::close, "portkit-receiver-shutdown");
      Runtime.getRuntime().addShutdownHook(t);
      synchronized (this) {
        hook = t;
      }
    }
    return this;
  }

  /**
   * Blocks until the receiver is closed: by {@link #close()} from another thread, or by the
   * shutdown hook on Ctrl-C or SIGTERM, after the runs in flight were ended.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void awaitShutdown() throws InterruptedException {
    closed.await();
  }

  /** Returns the bound port (useful after binding port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the URI of the delivery route, for example {@code http://127.0.0.1:8000/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + endpoint.basePath());
  }

  /**
   * Stops taking exchanges (one that arrives now is answered 503 {@code shutting_down}), lets those
   * in flight finish within the grace period, then stops the server: at once when none is in flight
   * (not after the whole grace period, as {@code HttpServer.stop} does on Java 17). When the
   * endpoint's dispatcher is {@link AutoCloseable} (a {@link PortBackend} and a {@code
   * RunDispatcher} are), it is closed next, after intake has stopped, so every run it accepted is
   * finished or reported FAILURE rather than left IN_PROGRESS. A dispatcher failing to close is
   * logged, never thrown. Idempotent; removes the shutdown hook.
   */
  @Override
  public void close() {
    int previous = state.getAndSet(2);
    if (previous == 2) {
      return;
    }
    try {
      stop(previous);
    } finally {
      removeHook();
      closed.countDown();
    }
  }

  private void stop(int previous) {
    if (previous == 1) {
      if (!gate.closeAndAwait(stopGrace)) {
        log.warn(
            "{} exchange(s) still in flight after the stop grace of {} ms: closing their"
                + " connections",
            gate.inFlight(),
            stopGrace.toMillis());
      }
      // Whatever waiting was due is done: stop(0) closes the listener and the connections now.
      server.stop(0);
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    AutoCloseable closeable =
        backend != null ? backend : endpoint.dispatcher() instanceof AutoCloseable c ? c : null;
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.error(
            "closing the dispatcher failed; runs it still held may need a final status by hand", e);
      }
    }
  }

  private void removeHook() {
    Thread t;
    synchronized (this) {
      t = hook;
      hook = null;
    }
    if (t != null && Thread.currentThread() != t) {
      try {
        Runtime.getRuntime().removeShutdownHook(t);
      } catch (IllegalStateException e) {
        log.debug("JVM already shutting down; the hook finds the receiver closed");
      }
    }
  }

  private void exchange(HttpExchange exchange) throws IOException {
    if (!gate.enter()) {
      try (exchange) {
        write(exchange, SHUTTING_DOWN);
      }
      return;
    }
    try (exchange) {
      write(exchange, endpoint.handle(toRequest(exchange)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      gate.leave();
    }
  }

  private static void write(HttpExchange exchange, WebhookResponse response) throws IOException {
    byte[] body = response.body();
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static WebhookRequest toRequest(HttpExchange exchange) {
    InputStream body = exchange.getRequestBody();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared = -1;
    if (length != null) {
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        declared = -1; // the JDK server already rejects these; read with the bound regardless
      }
    }
    String path = exchange.getRequestURI().getRawPath();
    return new WebhookRequest(
        exchange.getRequestMethod(),
        path == null ? "/" : path,
        RequestHeaders.of(exchange.getRequestHeaders()),
        body,
        declared);
  }

  /** Configures a {@link WebhookReceiver}. Not thread-safe. */
  public static final class Builder {
    private WebhookEndpoint endpoint;
    private final WebhookEndpoint.Builder endpointBuilder = WebhookEndpoint.builder();
    private boolean endpointParts;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port = DEFAULT_PORT;
    private int backlog = JdkHttpServerDefaults.DEFAULT_BACKLOG;
    private java.util.concurrent.Executor executor;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private boolean threadsSet;
    private Duration stopGrace = DEFAULT_STOP_GRACE;
    private boolean shutdownHook = true;
    private @Nullable PortBackend backend;
    private final Map<String, HandOffCallback> callbacks = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Serves {@code callback} on {@code POST path}: another system's signed completion of a run the
     * {@link #backend(PortBackend) backend}'s handlers handed off (see {@code HandOffs}). Needs
     * {@link #backend(PortBackend)}; with {@link #endpoint(WebhookEndpoint)} configure the callback
     * on the endpoint instead.
     */
    public Builder callback(String path, HandOffCallback callback) {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(callback, "callback == null");
      callbacks.put(path, callback);
      endpointParts = true;
      return this;
    }

    /**
     * Serves {@code backend}: its verifier checks each delivery and its dispatcher runs it; {@link
     * WebhookReceiver#close()} closes the backend after intake stopped.
     */
    public Builder backend(PortBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend == null");
      endpointBuilder.verifier(backend.verifier()).dispatcher(backend).listener(backend.listener());
      endpointParts = true;
      return this;
    }

    /**
     * Whether {@link WebhookReceiver#start()} installs a JVM shutdown hook that calls {@link
     * WebhookReceiver#close()}; default true. Turn it off when a framework or your own hook closes
     * the receiver.
     */
    public Builder shutdownHook(boolean install) {
      this.shutdownHook = install;
      return this;
    }

    /**
     * Sets a ready-made core that answers requests. Use either this or {@link
     * #verifier(SignatureVerifier)} and {@link #dispatcher(InvocationDispatcher)} (plus optional
     * {@link #basePath(String)} and {@link #maxBodyBytes(int)}), not both.
     */
    public Builder endpoint(WebhookEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
      return this;
    }

    /** Sets the verifier of the endpoint this builder creates. */
    public Builder verifier(SignatureVerifier verifier) {
      endpointBuilder.verifier(verifier);
      endpointParts = true;
      return this;
    }

    /** Sets the dispatcher of the endpoint this builder creates. */
    public Builder dispatcher(InvocationDispatcher dispatcher) {
      endpointBuilder.dispatcher(dispatcher);
      endpointParts = true;
      return this;
    }

    /** Sets the base path of the endpoint this builder creates; default {@code /}. */
    public Builder basePath(String basePath) {
      endpointBuilder.basePath(basePath);
      endpointParts = true;
      return this;
    }

    /**
     * Turns on {@code POST base/manual} on the endpoint this builder creates (acknowledge without
     * running; see {@link WebhookEndpoint.Builder#manualRoute(boolean)}); default off.
     */
    public Builder manualRoute(boolean enabled) {
      endpointBuilder.manualRoute(enabled);
      endpointParts = true;
      return this;
    }

    /** Sets the body limit of the endpoint this builder creates; default 1 MiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      endpointBuilder.maxBodyBytes(maxBodyBytes);
      endpointParts = true;
      return this;
    }

    /**
     * Sets the listen backlog: connections the kernel completes and holds while the receiver's
     * accepting thread is busy; default {@value JdkHttpServerDefaults#DEFAULT_BACKLOG}, capped by
     * the kernel ({@code net.core.somaxconn} on Linux). Past it a burst of deliveries overflows the
     * queue and some are reset after they were sent, which Port records as a failed invocation (ADR
     * 0237).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder backlog(int backlog) {
      if (backlog < 1) {
        throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
      }
      this.backlog = backlog;
      return this;
    }

    /** Sets the bind address; default loopback (127.0.0.1). */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address == null");
      return this;
    }

    /** Sets the port, 0 for any free port; default 8000. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the executor that runs exchanges; the caller owns and shuts it down. The JDK server
     * reads each request on this executor's thread, so a slow client holds one for up to {@code
     * sun.net.httpserver.maxReqTime} (10 s by default): give it room. Default, owned by the
     * receiver: virtual threads on Java 21+, else a pool of max(2, processors) daemon threads that
     * grows on demand to 256.
     */
    public Builder executor(java.util.concurrent.Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Makes the receiver run exchanges on a fixed pool of {@code threads} platform threads, also on
     * Java 21+. Without it: virtual threads on 21+, on 17 to 20 a pool of max(2, processors)
     * threads that grows on demand to 256. Size it above the synchronized runs you expect at once
     * (each holds a thread until its handler answers) plus the slow connections you must survive
     * (each holds one while its request arrives, up to {@code sun.net.httpserver.maxReqTime}).
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive, got " + threads);
      }
      this.threads = threads;
      this.threadsSet = true;
      return this;
    }

    /**
     * Sets how long {@link WebhookReceiver#close()} waits for in-flight exchanges; default 2 s. It
     * returns as soon as none is left, so an idle receiver closes at once.
     */
    public Builder stopGrace(Duration stopGrace) {
      Objects.requireNonNull(stopGrace, "stopGrace == null");
      if (stopGrace.isNegative()) {
        throw new IllegalArgumentException("stopGrace is negative: " + stopGrace);
      }
      this.stopGrace = stopGrace;
      return this;
    }

    /**
     * Binds the server without starting it; call {@link WebhookReceiver#start()}.
     *
     * @throws IllegalStateException if neither an endpoint nor a verifier and dispatcher were set
     * @throws UncheckedIOException if the address cannot be bound
     */
    public WebhookReceiver build() {
      if (endpoint != null && endpointParts) {
        throw new IllegalStateException(
            "both endpoint(...) and endpoint parts (verifier, dispatcher, basePath, maxBodyBytes,"
                + " manualRoute) were set: configure the parts on the WebhookEndpoint instead");
      }
      if (!callbacks.isEmpty() && backend == null) {
        throw new IllegalStateException(
            "callback(...) needs backend(...): the callback completes the backend's hand-offs");
      }
      callbacks.forEach((path, cb) -> endpointBuilder.callback(path, cb, backend.handOffs()));
      if (endpoint == null) {
        endpoint = endpointBuilder.build();
      }
      try {
        return new WebhookReceiver(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot bind " + address.getHostAddress() + ":" + port + ": is the port in use?", e);
      }
    }

    /** Builds and starts the receiver. */
    public WebhookReceiver start() {
      return build().start();
    }
  }
}
