package io.portkit.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One log line of an emulated run, as posted to {@code POST /v1/actions/runs/{id}/logs}.
 *
 * @param id the log's id
 * @param message the logged text
 * @param createdAt when the emulator stored it
 */
public record RunLogEntry(String id, String message, Instant createdAt) {
  /** Validates the components. */
  public RunLogEntry {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
  }
}
