package io.portkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of one action run held by the emulator, for assertions.
 *
 * @param id the run id ({@code r_} + 16 letters and digits)
 * @param action the action identifier
 * @param status {@code IN_PROGRESS}, {@code SUCCESS} or {@code FAILURE}
 * @param statusLabel the last status label, or {@code null}
 * @param link the last {@code link} value as sent (a string or an array), or {@code null}
 * @param summary the last summary, or {@code null}
 * @param externalRunId the external run id, or {@code null}
 * @param properties the run's input properties
 * @param entity the entity the run was created for, or {@code null}
 * @param createdAt when the run was created
 * @param endedAt when a final status was set, or {@code null} while running
 * @param logs the run's log lines, oldest first
 * @param entities the entity writes tied to the run, oldest first
 * @param payload the rendered webhook invocation ({@code type, url, agent, synchronized, method,
 *     headers, body}), or {@code null} when none was rendered
 * @param response the stored answer of a synchronized webhook (JSON, or a string when not JSON), or
 *     {@code null}
 * @param deliveries the webhook calls made for the run, oldest first
 */
public record EmulatedRun(
    String id,
    String action,
    String status,
    String statusLabel,
    JsonNode link,
    String summary,
    String externalRunId,
    JsonNode properties,
    String entity,
    Instant createdAt,
    Instant endedAt,
    List<RunLogEntry> logs,
    List<TiedEntity> entities,
    JsonNode payload,
    JsonNode response,
    List<WebhookDelivery> deliveries) {
  /** Validates the components and copies the lists. */
  public EmulatedRun {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(properties, "properties == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    logs = List.copyOf(logs);
    entities = List.copyOf(entities);
    deliveries = List.copyOf(deliveries);
  }

  /** Returns whether the run has a final status ({@code SUCCESS} or {@code FAILURE}). */
  public boolean isFinished() {
    return endedAt != null;
  }
}
