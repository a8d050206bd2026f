package io.portkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one action run held by the emulator, for assertions.
 *
 * <p>The types are port-client's where port-client has one ({@link RunStatus}, {@link
 * RunLogEntry}), so a test compares what the emulator holds with what a {@code PortClient} read.
 *
 * @param id the run id ({@code r_} + 16 letters and digits)
 * @param action the action identifier
 * @param status the run's status: {@link RunStatus#IN_PROGRESS} until a final {@link
 *     RunStatus#SUCCESS} or {@link RunStatus#FAILURE}
 * @param statusLabel the last status label, or {@code null}
 * @param links the links of the last update that sent any, in order (Port replaces the whole array
 *     on each update); empty when none was sent
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
    @JsonSerialize(using = ToStringSerializer.class) RunStatus status,
    @Nullable String statusLabel,
    List<String> links,
    @Nullable String summary,
    @Nullable String externalRunId,
    JsonNode properties,
    @Nullable String entity,
    Instant createdAt,
    @Nullable Instant endedAt,
    List<RunLogEntry> logs,
    List<TiedEntity> entities,
    @Nullable JsonNode payload,
    @Nullable JsonNode response,
    List<WebhookDelivery> deliveries) {
  /** Validates the components and copies the lists. */
  public EmulatedRun {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(properties, "properties == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    links = List.copyOf(links);
    logs = List.copyOf(logs);
    entities = List.copyOf(entities);
    deliveries = List.copyOf(deliveries);
  }

  /** Returns whether the run has a final status ({@code SUCCESS} or {@code FAILURE}). */
  public boolean isFinished() {
    return endedAt != null;
  }
}
