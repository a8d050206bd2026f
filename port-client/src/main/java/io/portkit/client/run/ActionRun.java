package io.portkit.client.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.client.internal.JsonNodes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An action run as returned by {@code GET /v1/actions/runs/{id}?version=v2}, tolerant of the v1
 * shape and of fields Port adds later.
 *
 * <p>{@code action} may arrive as a string (v1) or an object (v2); both become a {@link Ref}.
 * {@code link} may arrive as a string or an array; {@link #links()} is always a list. The status
 * keeps unknown values ({@link RunStatus}). {@link #raw()} is the whole JSON object, for fields not
 * modelled here ({@code rawProperties}, {@code response}, {@code source}, ...). Immutable; the JSON
 * nodes must not be modified.
 *
 * @param id the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
 * @param status the status
 * @param statusLabel the free-text label, or null
 * @param action the action, or null if absent
 * @param blueprint the blueprint, or null
 * @param entity the entity the run is about, or null
 * @param properties the user inputs (never null; empty object when absent)
 * @param links the links shown on the run page (never null)
 * @param summary the summary, or null
 * @param externalRunId the id given by the backend, or null
 * @param payload the rendered invocation ({@code type, url, synchronized, headers, body}), or a
 *     missing node
 * @param createdAt creation time, or null
 * @param updatedAt last update time, or null
 * @param endedAt end time, or null while running
 * @param approval the approval decision, or null
 * @param raw the complete JSON object
 */
public record ActionRun(
    String id,
    RunStatus status,
    @Nullable String statusLabel,
    @Nullable Ref action,
    @Nullable Ref blueprint,
    @Nullable Ref entity,
    JsonNode properties,
    List<String> links,
    @Nullable String summary,
    @Nullable String externalRunId,
    JsonNode payload,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    @Nullable Instant endedAt,
    @Nullable Approval approval,
    JsonNode raw) {

  /** Validates required fields and replaces absent containers with empty ones. */
  public ActionRun {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(status, "status == null");
    properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
    links = links == null ? List.of() : List.copyOf(links);
    payload = payload == null ? JsonNodeFactory.instance.missingNode() : payload;
    raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
  }

  /**
   * Reads a run object (the value of {@code "run"} in Port's envelope). Also used by Jackson.
   *
   * @throws IllegalArgumentException if {@code id} or {@code status} is missing
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ActionRun fromJson(JsonNode node) {
    Objects.requireNonNull(node, "node == null");
    String id = JsonNodes.text(node, "id");
    String status = JsonNodes.text(node, "status");
    if (id == null || status == null || status.isBlank()) {
      throw new IllegalArgumentException(
          "not an action run: the JSON needs string fields id and status");
    }
    return new ActionRun(
        id,
        RunStatus.of(status),
        JsonNodes.text(node, "statusLabel"),
        Ref.fromJson(node.get("action")),
        Ref.fromJson(node.get("blueprint")),
        Ref.fromJson(node.get("entity")),
        JsonNodes.object(node, "properties"),
        JsonNodes.stringList(node, "link"),
        JsonNodes.text(node, "summary"),
        JsonNodes.text(node, "externalRunId"),
        JsonNodes.node(node, "payload"),
        JsonNodes.instant(node, "createdAt"),
        JsonNodes.instant(node, "updatedAt"),
        JsonNodes.instant(node, "endedAt"),
        Approval.fromJson(node.get("approval")),
        node);
  }

  /** Returns the action identifier, if the run names its action. */
  public Optional<String> actionIdentifier() {
    return Optional.ofNullable(action).map(Ref::identifier);
  }

  /** Returns the entity identifier, if the run is about an entity. */
  public Optional<String> entityIdentifier() {
    return Optional.ofNullable(entity).map(Ref::identifier);
  }

  /**
   * Returns whether the rendered invocation says the webhook is synchronized ({@code
   * payload.synchronized} is {@code true} or {@code "true"}).
   */
  public boolean isSynchronized() {
    return JsonNodes.bool(payload, "synchronized");
  }
}
