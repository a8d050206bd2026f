package io.portkit.webhook.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import io.portkit.testsupport.RawHttp;
import io.portkit.webhook.http.RecordingDispatcher;
import io.portkit.webhook.http.WebhookEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
  private static final long TS = 1713277889L;
  private static final String SECRET = "s3cr3t";
  private static final String BODY = "{\"port_context\":{\"runId\":\"r_1\"}}";

  private final RecordingDispatcher dispatcher = new RecordingDispatcher();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    WebhookEndpoint endpoint =
        WebhookEndpoint.builder()
            .basePath("/port")
            .verifier(
                SignatureVerifier.builder()
                    .addSecret(SECRET)
                    .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
                    .build())
            .dispatcher(dispatcher)
            .maxBodyBytes(1024)
            .manualRoute(true)
            .build();
    receiver =
        WebhookReceiver.builder().endpoint(endpoint).port(0).stopGrace(Duration.ZERO).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return client.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder signedPost(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
        .header("X-Port-Timestamp", "" + TS)
        .header("X-Port-Signature", Signer.withSecret(SECRET).sign(TS, body))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void post_signed_202AndDispatched() throws Exception {
    HttpResponse<String> r = send(signedPost("/port", BODY));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("{\"ok\":true,\"runId\":\"r_1\",\"status\":\"accepted\"}");
    assertThat(dispatcher.received()).extracting(i -> i.runId()).containsExactly("r_1");
  }

  @Test
  void post_dispatcherOutcomes_mappedOverHttp() throws Exception {
    dispatcher.answer(i -> DispatchOutcome.duplicate());
    assertThat(send(signedPost("/port/", BODY)).statusCode()).isEqualTo(200);
    dispatcher.answer(i -> DispatchOutcome.saturated("busy"));
    assertThat(send(signedPost("/port", BODY)).statusCode()).isEqualTo(503);
    dispatcher.answer(
        i -> {
          throw new IllegalStateException("bug");
        });
    assertThat(send(signedPost("/port", BODY)).statusCode()).isEqualTo(500);
  }

  @Test
  void post_manual_202WithoutDispatch() throws Exception {
    HttpResponse<String> r = send(signedPost("/port/manual", BODY));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("{\"ok\":true,\"runId\":\"r_1\",\"status\":\"manual\"}");
    assertThat(dispatcher.received()).isEmpty();
  }

  @Test
  void post_badSignature_401() throws Exception {
    HttpResponse<String> r =
        send(signedPost("/port", BODY).setHeader("X-Port-Signature", "v1,AAAA"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body())
        .startsWith(
            "{\"ok\":false,\"error\":\"unauthorized\",\"message\":\"x-port-signature does not match");
    assertThat(dispatcher.received()).isEmpty();
  }

  @Test
  void post_unsignedRequest_401MissingHeader() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/port"))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("missing x-port-timestamp header");
  }

  @Test
  void post_noRunId_400ListingPlaces() throws Exception {
    HttpResponse<String> r = send(signedPost("/port", "{\"env\":\"prod\"}"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"error\":\"bad_request\"").contains("header RUN_ID");
  }

  @Test
  void post_malformedJson_400() throws Exception {
    HttpResponse<String> r = send(signedPost("/port", "{oops"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("body is not valid JSON");
  }

  @Test
  void post_textPlain_415() throws Exception {
    HttpResponse<String> r =
        send(signedPost("/port", BODY).setHeader("Content-Type", "text/plain"));

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.body())
        .isEqualTo(
            "{\"ok\":false,\"error\":\"unsupported_media_type\",\"message\":\"Content-Type must be application/json, got text/plain: send the webhook body as JSON\"}");
  }

  @Test
  void post_noContentType_accepted() throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/port"))
            .header("x-port-timestamp", "" + TS)
            .header("x-port-signature", Signer.withSecret(SECRET).sign(TS, BODY))
            .POST(HttpRequest.BodyPublishers.ofString(BODY));

    assertThat(send(b).statusCode()).isEqualTo(202);
  }

  @Test
  void get_onDeliveryRoute_405WithAllow() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/port"))
                .GET());

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void post_unknownPath_404() throws Exception {
    HttpResponse<String> r = send(signedPost("/elsewhere", BODY));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"ok\":false,\"error\":\"not_found\",\"message\":\"no route /elsewhere: Port deliveries go to POST /port\"}");
  }

  @Test
  void get_healthz_200() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/healthz"))
                .GET());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void post_contentLengthOverLimit_413BeforeBodyArrives() throws Exception {
    // Declares 1 MB but sends only 10 bytes: the answer must not wait for the rest.
    String head =
        "POST /port HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000000\r\n\r\n";

    RawHttp.Answer answer =
        RawHttp.exchange(receiver.port(), head, "{\"a\":\"bbb\"".getBytes(UTF_8));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("\"error\":\"payload_too_large\"");
  }

  @Test
  void post_chunkedOverLimit_413WithoutTheRest() throws Exception {
    // One 2000-byte chunk and no terminating chunk: the server must stop at limit + 1.
    String head =
        "POST /port HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(2000)
            + "\r\n";

    RawHttp.Answer answer = RawHttp.exchange(receiver.port(), head, new byte[2000]);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("body is larger than 1024 bytes");
  }

  @Test
  void uri_namesLoopbackPortAndBase() {
    assertThat(receiver.uri().toString())
        .isEqualTo("http://127.0.0.1:" + receiver.port() + "/port");
  }

  @Test
  void builder_fromParts_servesOnBasePath() throws Exception {
    try (WebhookReceiver rx =
        WebhookReceiver.builder()
            .verifier(
                SignatureVerifier.builder()
                    .addSecret(SECRET)
                    .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
                    .build())
            .dispatcher(dispatcher)
            .basePath("/hooks")
            .port(0)
            .stopGrace(Duration.ZERO)
            .start()) {
      HttpResponse<String> r =
          send(
              signedPost("/hooks", BODY)
                  .uri(URI.create("http://127.0.0.1:" + rx.port() + "/hooks")));

      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(rx.uri().getPath()).isEqualTo("/hooks");
    }
  }

  @Test
  void builder_withoutDispatcher_throwsNamingTheFix() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                WebhookReceiver.builder()
                    .verifier(SignatureVerifier.builder().addSecret("x").build())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dispatcher required: call dispatcher(...)");
  }

  @Test
  void close_twice_isIdempotentAndStopsListening() {
    int port = receiver.port();

    receiver.close();
    receiver.close();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new java.net.Socket("127.0.0.1", port).close())
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void close_closeableDispatcher_closedOnceAfterIntakeStops() {
    java.util.concurrent.atomic.AtomicInteger closes =
        new java.util.concurrent.atomic.AtomicInteger();
    class ClosingDispatcher
        implements io.portkit.backend.dispatch.InvocationDispatcher, AutoCloseable {
      @Override
      public io.portkit.backend.dispatch.DispatchOutcome dispatch(
          io.portkit.backend.invocation.RunInvocation run) {
        return io.portkit.backend.dispatch.DispatchOutcome.accepted();
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    }
    WebhookReceiver rx =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(SECRET).build())
            .dispatcher(new ClosingDispatcher())
            .port(0)
            .stopGrace(Duration.ZERO)
            .start();

    rx.close();
    rx.close();

    assertThat(closes).hasValue(1);
  }

  @Test
  void serve_backend_bodyRejections_reachTheBackendsListeners() throws Exception {
    java.util.List<io.portkit.backend.dispatch.IntakeRejection> heard =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    io.portkit.backend.PortBackend backend =
        io.portkit.backend.PortBackend.builder()
            .credentials(new io.portkit.client.auth.ClientCredentials("id", SECRET))
            .apiUrl(URI.create("http://127.0.0.1:9"))
            .handle("deploy", (run, ctx) -> {})
            .listener(
                new io.portkit.backend.dispatch.RunListener() {
                  @Override
                  public void intakeRejected(io.portkit.backend.dispatch.IntakeRejection r) {
                    heard.add(r);
                  }
                })
            .build();
    try (WebhookReceiver served = WebhookReceiver.serve(backend, 0)) {
      URI url = URI.create("http://127.0.0.1:" + served.port() + "/");
      HttpResponse<String> xml =
          send(
              HttpRequest.newBuilder(url)
                  .header("Content-Type", "text/xml")
                  .POST(HttpRequest.BodyPublishers.ofString("<run/>")));
      HttpResponse<String> unsigned =
          send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("{}")));

      assertThat(xml.statusCode()).isEqualTo(415);
      assertThat(unsigned.statusCode()).isEqualTo(401);
      assertThat(heard)
          .containsExactly(
              io.portkit.backend.dispatch.IntakeRejection.BODY,
              io.portkit.backend.dispatch.IntakeRejection.SIGNATURE);
    }
  }

  @Test
  void serve_backend_startsOnLoopback_awaitShutdownReturnsOnClose_closesTheBackend()
      throws Exception {
    io.portkit.client.auth.ClientCredentials credentials =
        new io.portkit.client.auth.ClientCredentials("id", SECRET);
    io.portkit.backend.PortBackend backend =
        io.portkit.backend.PortBackend.builder()
            .credentials(credentials)
            .apiUrl(URI.create("http://127.0.0.1:9"))
            .handle("deploy", (run, ctx) -> {})
            .build();
    WebhookReceiver served = WebhookReceiver.serve(backend, 0);
    HttpResponse<String> health =
        send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + "/healthz")));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(served.uri().toString()).startsWith("http://127.0.0.1:").endsWith("/");

    java.util.concurrent.CompletableFuture<Void> waiting =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try {
                served.awaitShutdown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(waiting).isNotDone();
    served.close();

    waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(backend.dispatch(parse("r_8")))
        .isInstanceOf(DispatchOutcome.Rejected.class); // closing the receiver closed the backend
  }

  private static io.portkit.backend.invocation.RunInvocation parse(String runId) {
    return new io.portkit.backend.invocation.RunInvocationParser()
        .parse(
            io.portkit.backend.invocation.RequestHeaders.empty(),
            ("{\"port_context\":{\"runId\":\"" + runId + "\",\"action\":\"deploy\"}}")
                .getBytes(UTF_8));
  }
}
