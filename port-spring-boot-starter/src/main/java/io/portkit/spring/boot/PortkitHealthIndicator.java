package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;
import io.portkit.client.PortException;
import io.portkit.client.auth.TokenSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code portkit} component of {@code /actuator/health}: whether a Port token is obtainable
 * (asked of the client's own cached token source, so a fresh token costs no request), whether the
 * journal directory is writable, and runs in flight against capacity. DOWN when no token can be had
 * or the journal cannot be written; OUT_OF_SERVICE once the backend shut down. Saturation is shown,
 * not a status: it passes as runs end. Never shows a token or secret.
 */
final class PortkitHealthIndicator extends AbstractHealthIndicator {
  private final PortBackend backend;
  private final @Nullable TokenSource tokens;
  private final @Nullable Path journal;

  PortkitHealthIndicator(
      PortBackend backend, @Nullable TokenSource tokens, @Nullable Path journal) {
    super("portkit health check failed");
    this.backend = backend;
    this.tokens = tokens;
    this.journal = journal;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    int inFlight = backend.inFlight();
    int capacity = backend.dispatcher().maxInFlight();
    builder
        .up()
        .withDetail("inFlight", inFlight)
        .withDetail("maxInFlight", capacity)
        .withDetail("saturated", inFlight >= capacity)
        .withDetail("queued", backend.dispatcher().queued())
        .withDetail("maxQueued", backend.dispatcher().maxQueued())
        .withDetail("api", backend.client().baseUri().toString());
    if (tokens != null) {
      try {
        tokens.token();
        builder.withDetail("token", "obtainable");
      } catch (PortException e) {
        builder.down().withDetail("token", "not obtainable: " + e.getMessage());
      }
    }
    if (journal != null) {
      boolean writable = Files.isDirectory(journal) && Files.isWritable(journal);
      builder.withDetail("journal", journal + (writable ? " (writable)" : " (not writable)"));
      if (!writable) {
        builder.down();
      }
    }
    if (backend.dispatcher().isShutDown()) {
      builder.status(Status.OUT_OF_SERVICE);
    }
  }
}
