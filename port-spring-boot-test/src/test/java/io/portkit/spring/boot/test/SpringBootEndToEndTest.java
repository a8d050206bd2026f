package io.portkit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    classes = DeployApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,metrics",
      "management.endpoint.health.show-details=always"
    })
@AutoConfigurePortEmulator
class SpringBootEndToEndTest {
  @Autowired EmulatedPort port;
  @Autowired MeterRegistry registry;
  @Autowired io.portkit.backend.PortBackend backend;
  @LocalServerPort int serverPort;

  @Test
  void runTriggeredInPort_reachesAnnotatedHandlerThroughTheAppsServer_endsSuccess()
      throws Exception {
    port.defineWebhookAction("deploy_service");

    String runId =
        port.trigger("deploy_service", new DeployApp.DeployInputs("billing-api", "1.4.2"));
    EmulatedRun run = port.awaitFinalStatus(runId);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.summary()).isEqualTo("deployed billing-api 1.4.2");
    assertThat(run.deliveries())
        .singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(202));
    assertThat(run.deliveries().get(0).url()).contains(":" + serverPort + "/portkit/webhook");

    assertThat(backend.awaitIdle(java.time.Duration.ofSeconds(5))).isTrue();
    // The handler's own log line carries the run id and action in the MDC.
    assertThat(MdcCapturingProvider.LINES)
        .filteredOn(l -> l.message().equals("deploying billing-api 1.4.2"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.mdc()).containsEntry(RunDispatcher.MDC_RUN_ID, runId);
              assertThat(l.mdc()).containsEntry(RunDispatcher.MDC_ACTION, "deploy_service");
            });

    // The meters are in the application's registry.
    assertThat(
            registry
                .get("portkit.runs")
                .tags("action", "deploy_service", "outcome", "success", "transport", "webhook")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("portkit.port.api.requests").timers()).isNotEmpty();
    assertThat(registry.get("portkit.runs.capacity").gauge().value()).isEqualTo(64);

    // One health endpoint, Boot's, with portkit's component in it; no /healthz.
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + serverPort + "/actuator/health/portkit"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"token\":\"obtainable\"");
    HttpResponse<String> healthz =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/healthz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(healthz.statusCode()).isEqualTo(404);
  }

  @Test
  void forgedDelivery_answered401_countedAsSignatureRejection() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(port.webhookUrl())
                    .header("Content-Type", "application/json")
                    .header("x-port-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                    .header("x-port-signature", "v1,AAAA")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"port_context\":{\"runId\":\"r_x\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(
            registry.get("portkit.intake.rejections").tag("reason", "signature").counter().count())
        .isGreaterThanOrEqualTo(1);
    assertThat(Map.of("body", answer.body())).doesNotContainValue("");
  }
}
