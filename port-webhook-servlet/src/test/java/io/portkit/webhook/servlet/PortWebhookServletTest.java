package io.portkit.webhook.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import io.portkit.client.PortApiException;
import io.portkit.client.PortTransportException;
import io.portkit.testsupport.RawHttp;
import io.portkit.webhook.http.WebhookEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortWebhookServletTest {
  private static final long TS = 1713277889L;
  private static final String SECRET = "s3cr3t";
  private static final String BODY =
      "{\"port_context\":{\"runId\":\"r_9\",\"action\":\"deploy\"},\"inputs\":{\"env\":\"dev\"}}";

  private final List<RunInvocation> received = new CopyOnWriteArrayList<>();
  private volatile DispatchOutcome answer = DispatchOutcome.accepted();
  private volatile InvocationDispatcher delegate; // when set, answers instead of `answer`
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Server jetty;
  private int port;

  @BeforeEach
  void start() throws Exception {
    WebhookEndpoint endpoint =
        WebhookEndpoint.builder()
            .basePath("/port")
            .verifier(
                SignatureVerifier.builder()
                    .addSecret(SECRET)
                    .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
                    .build())
            .dispatcher(
                run -> {
                  received.add(run);
                  InvocationDispatcher real = delegate;
                  return real != null ? real.dispatch(run) : answer;
                })
            .maxBodyBytes(1024)
            .manualRoute(true)
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    ServletHolder holder = new ServletHolder(new PortWebhookServlet(endpoint));
    context.addServlet(holder, "/port/*");
    context.addServlet(holder, "/healthz");
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app" + path));
  }

  private HttpRequest.Builder signedPost(String path, String body) {
    return request(path)
        .header("x-port-timestamp", "" + TS)
        .header("x-port-signature", Signer.withSecret(SECRET).sign(TS, body))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void post_signed_202AndInvocationParsed() throws Exception {
    HttpResponse<String> r = send(signedPost("/port", BODY));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEqualTo("{\"ok\":true,\"runId\":\"r_9\",\"status\":\"accepted\"}");
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(received).hasSize(1);
    assertThat(received.get(0).inputs().path("env").asText()).isEqualTo("dev");
  }

  @Test
  void post_completedOutcome_statusAndBody() throws Exception {
    answer =
        DispatchOutcome.completed(
            new DispatchOutcome.SyncResult(
                io.portkit.client.run.FinalStatus.FAILURE,
                DispatchOutcome.SyncResult.Cause.HANDLER_ENDED,
                "name taken",
                null));

    HttpResponse<String> r = send(signedPost("/port", BODY));

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body())
        .isEqualTo(
            "{\"ok\":false,\"runId\":\"r_9\",\"status\":\"FAILURE\",\"error\":\"run_failed\","
                + "\"message\":\"name taken\"}");
  }

  @Test
  void post_manual_202NotDispatched() throws Exception {
    HttpResponse<String> r = send(signedPost("/port/manual", BODY));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).contains("\"status\":\"manual\"");
    assertThat(received).isEmpty();
  }

  @Test
  void post_signedMinimalBodyForRunPortDoesNotKnow_404NamingTheRunNot503() throws Exception {
    try (RunDispatcher dispatcher =
        RunDispatcher.builder()
            .contexts(
                (id, mode) -> {
                  throw new AssertionError("nothing may be reported for an unknown run");
                })
            .detailsLoader(
                id -> {
                  throw new PortApiException(
                      404, "GET", "/v1/actions/runs/" + id, "not_found", "not found", null, null);
                })
            .handle("deploy", (run, ctx) -> {})
            .build()) {
      delegate = dispatcher;

      HttpResponse<String> r =
          send(signedPost("/port", "{\"port_context\":{\"runId\":\"r_gone\"}}"));

      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body())
          .contains("\"error\":\"unknown_run\"")
          .contains("run r_gone is not known to Port");
    }
  }

  @Test
  void post_signedMinimalBodyWhilePortUnreachable_503RoutingFailed() throws Exception {
    try (RunDispatcher dispatcher =
        RunDispatcher.builder()
            .contexts(
                (id, mode) -> {
                  throw new AssertionError("a refused run has no context");
                })
            .detailsLoader(
                id -> {
                  throw new PortTransportException("connection refused", true, null);
                })
            .handle("deploy", (run, ctx) -> {})
            .build()) {
      delegate = dispatcher;

      HttpResponse<String> r = send(signedPost("/port", "{\"port_context\":{\"runId\":\"r_1\"}}"));

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("\"error\":\"routing_failed\"").contains("run r_1");
    }
  }

  @Test
  void post_duplicateKey_400() throws Exception {
    HttpResponse<String> r =
        send(signedPost("/port", "{\"port_context\":{\"runId\":\"r_a\",\"runId\":\"r_b\"}}"));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("key 'runId' twice");
    assertThat(received).isEmpty();
  }

  @Test
  void post_wrongSignature_401() throws Exception {
    HttpResponse<String> r =
        send(signedPost("/port", BODY).setHeader("x-port-signature", "v1,AAAA"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"error\":\"unauthorized\"");
  }

  @Test
  void post_noRunId_400() throws Exception {
    assertThat(send(signedPost("/port", "{}")).statusCode()).isEqualTo(400);
  }

  @Test
  void post_formEncoded_415() throws Exception {
    HttpResponse<String> r =
        send(
            signedPost("/port", BODY)
                .setHeader("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void put_onDeliveryRoute_405WithAllow() throws Exception {
    HttpResponse<String> r = send(request("/port").PUT(HttpRequest.BodyPublishers.ofString(BODY)));

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void post_unknownPathUnderMapping_404() throws Exception {
    assertThat(send(signedPost("/port/other", BODY)).statusCode()).isEqualTo(404);
  }

  @Test
  void get_healthz_200() throws Exception {
    HttpResponse<String> r = send(request("/healthz").GET());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void post_contentLengthOverLimit_413BeforeBodyArrives() throws Exception {
    String head =
        "POST /app/port HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000000\r\n\r\n";

    RawHttp.Answer answer = RawHttp.exchange(port, head, "{\"a\":1".getBytes(UTF_8));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("payload_too_large");
  }

  @Test
  void post_chunkedOverLimit_413WithoutTheRest() throws Exception {
    String head =
        "POST /app/port HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(2000)
            + "\r\n";

    RawHttp.Answer answer = RawHttp.exchange(port, head, new byte[2000]);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("body is larger than 1024 bytes");
  }
}
