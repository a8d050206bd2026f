package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortApiException;
import io.portkit.client.entity.Entity;
import io.portkit.examples.allowlist.AllowlistEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiredAccessRemoverTest {
  private final EmulatedPort port = new EmulatedPort();

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void accept_expiredEntries_deletesTheirEntitiesAndSkipsMissingOnes() {
    port.client
        .entities()
        .upsert(
            "temporary_access",
            Entity.builder("ip-1")
                .property("ip", "203.0.113.7")
                .property("expires_at", "2026-01-01T00:00:00Z") // required by the blueprint
                .build());
    Instant t = Instant.parse("2026-01-01T00:00:00Z");

    new ExpiredAccessRemover(port.client.entities())
        .accept(
            List.of(
                new AllowlistEntry("missing", "198.51.100.1/32", "r_1", t, t),
                new AllowlistEntry("ip-1", "203.0.113.7/32", "r_2", t, t)));

    assertThatThrownBy(() -> port.client.entities().get("temporary_access", "ip-1"))
        .isInstanceOf(PortApiException.class);
  }
}
