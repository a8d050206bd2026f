package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunStatus;
import io.portkit.examples.allowlist.TemporaryAllowlist;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.TiedEntity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowlistHandlerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path dir;
  private final EmulatedPort port = new EmulatedPort();

  @AfterEach
  void close() {
    port.close();
  }

  private AllowlistHandler handler() {
    return new AllowlistHandler(
        TemporaryAllowlist.builder()
            .snippetFile(dir.resolve("allow.conf"))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build());
  }

  @Test
  void handle_validIp_grantsUpsertsEntityAndSucceeds() throws Exception {
    RunInvocation request =
        port.newRun(
            DemoCatalog.GRANT_TEMPORARY_ACCESS, "{\"ip\":\"203.0.113.7\",\"duration_minutes\":30}");

    handler().handle(request, port.context(request));

    EmulatedRun run = port.run(request);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.summary())
        .isEqualTo("Access for 203.0.113.7 granted until 2026-01-01T10:30:00Z");
    assertThat(run.entities())
        .extracting(TiedEntity::blueprint)
        .containsExactly("temporary_access");
    Entity entity =
        port.client.entities().get("temporary_access", run.entities().get(0).identifier());
    assertThat(entity.properties().get("ip").asText()).isEqualTo("203.0.113.7");
    assertThat(entity.properties().get("expires_at").asText()).isEqualTo("2026-01-01T10:30:00Z");
    assertThat(entity.properties().get("run_id").asText()).isEqualTo(request.runId());
    assertThat(Files.readString(dir.resolve("allow.conf"))).contains("allow 203.0.113.7");
  }

  @Test
  void handle_invalidIp_failsWithReasonAndWritesNothing() throws Exception {
    RunInvocation request =
        port.newRun(DemoCatalog.GRANT_TEMPORARY_ACCESS, "{\"ip\":\"999.1.1.1\"}");

    handler().handle(request, port.context(request));

    EmulatedRun run = port.run(request);
    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.summary())
        .isEqualTo("Access not granted: '999.1.1.1' is not a valid IPv4 address: 999 is above 255");
    assertThat(run.entities()).isEmpty();
  }

  @Test
  void handle_durationNotANumber_failsNamingTheInput() throws Exception {
    RunInvocation request =
        port.newRun(
            DemoCatalog.GRANT_TEMPORARY_ACCESS,
            "{\"ip\":\"203.0.113.7\",\"duration_minutes\":\"soon\"}");

    handler().handle(request, port.context(request));

    assertThat(port.run(request).summary())
        .isEqualTo(
            "Access not granted: duration_minutes must be a whole number of minutes, got 'soon'");
  }

  @Test
  void handle_durationOverMaximum_fails() throws Exception {
    RunInvocation request =
        port.newRun(
            DemoCatalog.GRANT_TEMPORARY_ACCESS,
            "{\"ip\":\"203.0.113.7\",\"duration_minutes\":2000}");

    handler().handle(request, port.context(request));

    assertThat(port.run(request).status()).isEqualTo(RunStatus.FAILURE);
    assertThat(port.run(request).summary())
        .isEqualTo(
            "Access not granted: access duration must be more than 0 and at most PT24H: PT33H20M");
  }
}
