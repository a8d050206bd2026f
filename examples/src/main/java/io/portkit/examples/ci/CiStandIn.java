package io.portkit.examples.ci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portkit.backend.callback.CallbackVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a CI system on 127.0.0.1: {@code POST /jobs} with {@code {"pipeline": "...",
 * "callback": "<url>", "calls_back": true}} starts a job and answers {@code {"job": "ci-1", "url":
 * "..."}}; {@link #pipelineTime} later the job "passes" and, unless {@code calls_back} was false,
 * the stand-in posts {@code {"job": "ci-1", "status": "passed", "url": "..."}} to the callback URL,
 * signed as GitHub signs webhooks ({@code X-Hub-Signature-256: sha256=<hex HMAC>}).
 *
 * <p>Thread-safe. {@link #close()} stops the server and drops the callbacks not sent yet.
 */
public final class CiStandIn implements AutoCloseable {
  /** The header the stand-in signs callbacks in. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The prefix of the signature. */
  public static final String SIGNATURE_PREFIX = "sha256=";

  private static final Logger log = LoggerFactory.getLogger(CiStandIn.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String secret;
  private final Duration pipelineTime;
  private final BiConsumer<String, String> events;
  private final HttpServer server;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger jobs = new AtomicInteger();

  private CiStandIn(String secret, Duration pipelineTime, BiConsumer<String, String> events)
      throws IOException {
    this.secret = secret;
    this.pipelineTime = pipelineTime;
    this.events = events;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ci-stand-in");
              t.setDaemon(true);
              return t;
            });
    this.server =
        io.portkit.webhook.internal.JdkHttpServerDefaults.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server.createContext("/jobs", this::startJob);
    server.start();
  }

  /**
   * Starts the stand-in on a free port.
   *
   * @param secret the secret callbacks are signed with; never printed
   * @param pipelineTime how long a job takes before it calls back
   * @param events told {@code (job, what happened)} as jobs start and end, for a timeline
   */
  public static CiStandIn start(
      String secret, Duration pipelineTime, BiConsumer<String, String> events) {
    try {
      return new CiStandIn(
          requireNonNull(secret, "secret == null"),
          requireNonNull(pipelineTime, "pipelineTime == null"),
          requireNonNull(events, "events == null"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the CI stand-in", e);
    }
  }

  /** Returns where jobs are started, for example {@code http://127.0.0.1:40123/jobs}. */
  public URI jobsUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jobs");
  }

  /** Returns the verifier of the stand-in's callbacks, for the backend's callback route. */
  public static CallbackVerifier verifier(String secret) {
    return CallbackVerifier.builder()
        .signatureHeader(SIGNATURE_HEADER)
        .prefix(SIGNATURE_PREFIX)
        .secret(secret)
        .build();
  }

  private void startJob(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JsonNode request = MAPPER.readTree(exchange.getRequestBody());
      String job = "ci-" + jobs.incrementAndGet();
      String url = "https://ci.example.com/jobs/" + job;
      URI callback = URI.create(request.path("callback").asText());
      boolean callsBack = request.path("calls_back").asBoolean(true);
      scheduler.schedule(
          () -> finish(job, url, callback, callsBack),
          pipelineTime.toMillis(),
          TimeUnit.MILLISECONDS);
      events.accept(job, "started pipeline " + request.path("pipeline").asText("?"));
      byte[] body =
          MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("job", job).put("url", url));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(201, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void finish(String job, String url, URI callback, boolean callsBack) {
    if (!callsBack) {
      events.accept(job, "passed, and (as asked) never calls back");
      return;
    }
    ObjectNode result = MAPPER.createObjectNode().put("job", job).put("status", "passed");
    result.put("url", url + "/report");
    events.accept(job, "passed; calling back, signed");
    try {
      byte[] body = MAPPER.writeValueAsBytes(result);
      HttpRequest request =
          HttpRequest.newBuilder(callback)
              .header("Content-Type", "application/json")
              .header(SIGNATURE_HEADER, verifier(secret).sign(secret, null, body))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
      if (answer.statusCode() != 200) {
        events.accept(job, "the backend answered the callback " + answer.statusCode());
      }
    } catch (IOException e) {
      log.warn("CI stand-in: the callback for {} failed: {}", job, e.toString());
      events.accept(job, "passed; callback failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    scheduler.shutdownNow();
  }
}
