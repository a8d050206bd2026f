package io.portkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portkit.backend.PortBackend;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.catalog.Action;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.Fault;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.invoke.OutgoingWebhook;
import io.portkit.testkit.invoke.WebhookSender;
import io.portkit.webhook.server.WebhookReceiver;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PortkitMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PortkitMetrics metrics =
      PortkitMetrics.builder(registry).transport("webhook").build();

  // A backend on the emulator with one handler, instrumented by metrics.
  private static PortBackend backend(
      PortkitMetrics metrics,
      PortEmulator emulator,
      String action,
      io.portkit.backend.dispatch.RunHandler handler) {
    return metrics
        .instrument(
            PortBackend.builder()
                .credentials(new ClientCredentials(emulator.clientId(), emulator.clientSecret()))
                .apiUrl(emulator.baseUri())
                .handle(action, handler))
        .build();
  }

  @Test
  void handedOffRun_isTimedWhenItsHandOffEnds_withKindHandedOff() throws Exception {
    try (PortEmulator emulator = PortEmulator.start()) {
      PortBackend backend =
          backend(
              metrics,
              emulator,
              "ci",
              (run, ctx) ->
                  ctx.handOff(
                      io.portkit.client.run.HandOff.of(
                          "job-" + run.runId(),
                          java.time.Instant.now().plus(Duration.ofHours(1)),
                          "the CI's callback")));
      try (WebhookReceiver rx =
          WebhookReceiver.builder().backend(backend).shutdownHook(false).port(0).start()) {
        emulator.defineAction(
            Action.fromJson(
                ("{\"identifier\":\"ci\",\"trigger\":{\"type\":\"self-service\","
                        + "\"operation\":\"DAY-2\",\"blueprintIdentifier\":\"service\"},"
                        + "\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\"%s\"}}")
                    .formatted(rx.uri())));
        EmulatedRun run = emulator.trigger("ci", JSON.createObjectNode());
        emulator.awaitDelivery(run.id(), Duration.ofSeconds(10));
        assertThat(backend.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(backend.handOffs().pending()).hasSize(1);
        assertThat(registry.find("portkit.runs").timers()).as("not ended yet").isEmpty();

        backend
            .handOffs()
            .complete("job-" + run.id(), io.portkit.backend.dispatch.HandOffResult.success("ok"));
        emulator.awaitRun(run.id(), RunStatus.SUCCESS, Duration.ofSeconds(10));
      } finally {
        backend.close();
      }
    }

    assertThat(
            registry
                .get("portkit.runs")
                .tags("action", "ci", "kind", "handed_off", "outcome", "success")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.find("portkit.runs").tag("kind", "async").timers()).isEmpty();
  }

  @Test
  void webhookRuns_metersAppearWithLowCardinalityTags() throws Exception {
    try (PortEmulator emulator = PortEmulator.start()) {
      PortBackend backend =
          backend(metrics, emulator, "deploy", (run, ctx) -> ctx.log("deploying"));
      metrics.bind(backend);
      try (WebhookReceiver rx =
          WebhookReceiver.builder().backend(backend).shutdownHook(false).port(0).start()) {
        emulator.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");
        emulator.defineAction(
            Action.fromJson(
                ("{\"identifier\":\"deploy\",\"trigger\":{\"type\":\"self-service\",\"operation\":"
                        + "\"CREATE\",\"blueprintIdentifier\":\"service\"},\"invocationMethod\":"
                        + "{\"type\":\"WEBHOOK\",\"url\":\"%s\"}}")
                    .formatted(rx.uri())));
        // One 429 on the first log write: retried after a wait counted as a rate-limit wait.
        emulator.inject(
            Fault.failNext(1, 429)
                .on("POST", "/v1/actions/runs/")
                .retryAfter(Duration.ofSeconds(1)));

        EmulatedRun run = emulator.trigger("deploy", JSON.createObjectNode());
        emulator.awaitRun(run.id(), RunStatus.SUCCESS, Duration.ofSeconds(10));
        assertThat(backend.awaitIdle(Duration.ofSeconds(5))).isTrue();
        WebhookSender.builder()
            .build()
            .send(
                OutgoingWebhook.to(rx.uri())
                    .secret("not-the-secret")
                    .body(JSON.readTree("{\"port_context\":{\"runId\":\"r_forged\"}}"))
                    .build());
      } finally {
        backend.close();
      }
    }

    assertThat(
            registry
                .get("portkit.runs")
                .tags("action", "deploy", "kind", "async", "outcome", "success")
                .tag("transport", "webhook")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry.get("portkit.intake.rejections").tag("reason", "signature").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("portkit.port.api.requests")
                .tags("method", "PATCH", "route", "/v1/actions/runs/{run}", "status", "2xx")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("portkit.port.api.requests")
                .tags("method", "POST", "route", "/v1/actions/runs/{run}/logs", "status", "4xx")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("portkit.port.api.retries").tag("method", "POST").counter().count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("portkit.port.api.retry.waits")
                .tag("reason", "rate_limit")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("portkit.port.token.fetches").tag("outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("portkit.runs.active").gauge().value()).isZero();
    // The emulator's default budget is 1,000,000 per minute; the 429 was an injected fault.
    assertThat(
            registry.get("portkit.port.ratelimit.limit").tag("bucket", "general").gauge().value())
        .isEqualTo(1_000_000);
    assertThat(
            registry
                .get("portkit.port.ratelimit.remaining")
                .tag("bucket", "general")
                .gauge()
                .value())
        .isBetween(999_000.0, 1_000_000.0);
    assertThat(
            registry
                .get("portkit.port.ratelimit.rejections")
                .tag("bucket", "general")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("portkit.port.ratelimit.held")
                .tags("bucket", "general", "priority", "final_status")
                .functionCounter()
                .count())
        .isZero();
    assertThat(registry.get("portkit.runs.capacity").gauge().value()).isEqualTo(64);
    assertThat(registry.get("portkit.runs.queued").gauge().value()).isZero();
    assertThat(registry.get("portkit.runs.queue.capacity").gauge().value()).isZero(); // no journal
    String allTags =
        registry.getMeters().stream()
            .map(Meter::getId)
            .map(id -> id.getName() + id.getTags())
            .collect(Collectors.joining("\n"));
    assertThat(allTags).doesNotContain("r_");
  }
}
