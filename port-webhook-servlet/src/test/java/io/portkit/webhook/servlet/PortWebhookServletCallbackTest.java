package io.portkit.webhook.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.callback.CallbackCompletion;
import io.portkit.backend.callback.CallbackVerifier;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.backend.dispatch.HandOffs;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.RetryPolicy;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.webhook.http.WebhookEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A hand-off callback hosted in a servlet container, next to the webhook route. */
class PortWebhookServletCallbackTest {
  private static final String CI_SECRET = "ci-secret-for-the-servlet-test";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final CallbackVerifier verifier =
      CallbackVerifier.builder()
          .signatureHeader("X-Hub-Signature-256")
          .prefix("sha256=")
          .secret(CI_SECRET)
          .build();
  private Server jetty;
  private int port;

  @BeforeEach
  void start() throws Exception {
    // Port is unreachable here: a verified completion is looked up there and answered 503.
    PortClient unreachable =
        PortClient.builder()
            .baseUri(URI.create("http://127.0.0.1:9"))
            .credentials(new ClientCredentials("id", "secret"))
            .retryPolicy(RetryPolicy.NONE)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HandOffCallback ci =
        HandOffCallback.builder("ci")
            .verifier(verifier)
            .mapper(
                body ->
                    body.path("job").isTextual()
                        ? Optional.of(
                            CallbackCompletion.ofExternalId(
                                body.path("job").asText(), HandOffResult.success("passed")))
                        : Optional.empty())
            .build();
    WebhookEndpoint endpoint =
        WebhookEndpoint.builder()
            .basePath("/port")
            .verifier(SignatureVerifier.builder().addSecret("port-secret").build())
            .dispatcher(run -> DispatchOutcome.accepted())
            .callback("/port/callbacks/ci", ci, HandOffs.remote(unreachable))
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    context.addServlet(new ServletHolder(new PortWebhookServlet(endpoint)), "/port/*");
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
  }

  private HttpResponse<String> callback(String body, boolean signed) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app/port/callbacks/ci"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signed) {
      b.header("X-Hub-Signature-256", verifier.sign(CI_SECRET, null, body.getBytes(UTF_8)));
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void callback_unsigned401_signedButCompletesNothing202_signedCompletionReachesHandOffs()
      throws Exception {
    HttpResponse<String> unsigned = callback("{\"job\":\"ci-1\"}", false);
    HttpResponse<String> progress = callback("{\"progress\":50}", true);
    HttpResponse<String> completion = callback("{\"job\":\"ci-1\"}", true);

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).contains("unsigned");
    assertThat(progress.statusCode()).isEqualTo(202);
    assertThat(progress.body()).isEqualTo("{\"ok\":true,\"status\":\"ignored\"}");
    assertThat(completion.statusCode()).isEqualTo(503);
    assertThat(completion.body()).contains("\"error\":\"report_failed\"", "ci-1");
    assertThat(completion.body()).doesNotContain(CI_SECRET);
  }
}
