package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.TiedEntity;
import io.portkit.testkit.WebhookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One run's mutable state. Not thread-safe: guarded by {@link EmulatorState}'s lock. */
public final class RunRecord {
  final String id;
  final long sequence;
  final ObjectNode action;
  final String blueprint;
  final String entity;
  final ObjectNode properties;
  final boolean synchronizedRun;
  final String createdBy;
  final String source;
  final Instant createdAt;
  String status = "IN_PROGRESS";
  String statusLabel;
  JsonNode link;
  String summary;
  String externalRunId;
  Instant updatedAt;
  Instant endedAt;
  final List<RunLogEntry> logs = new ArrayList<>();
  final List<TiedEntity> tied = new ArrayList<>();
  final List<WebhookDelivery> deliveries = new ArrayList<>();
  ObjectNode payload;
  JsonNode response;

  /** The inputs the webhook carries, secret ones encrypted; the stored ones when there are none. */
  ObjectNode delivered;

  /** The event that started an automation's run, or null for a self-service run. */
  JsonNode event;

  /** How many automation runs deep this run is in a chain (1 for the first). */
  int chainDepth;

  /** The identifiers of the inputs delivered encrypted. */
  List<String> encryptedProperties = List.of();

  RunRecord(
      String id,
      long sequence,
      ObjectNode action,
      String entity,
      ObjectNode properties,
      String createdBy,
      String source,
      Instant createdAt) {
    this.id = id;
    this.sequence = sequence;
    this.action = action;
    this.blueprint = action.path("trigger").path("blueprintIdentifier").asText(null);
    this.entity = entity;
    this.properties = properties;
    this.synchronizedRun = isSynchronized(action.path("invocationMethod").path("synchronized"));
    this.createdBy = createdBy;
    this.source = source;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  // Port's schema allows synchronized as a boolean or a string ("true").
  private static boolean isSynchronized(JsonNode flag) {
    return flag.isBoolean()
        ? flag.booleanValue()
        : flag.isTextual() && flag.asText().equalsIgnoreCase("true");
  }

  /** Returns the run id. */
  public String id() {
    return id;
  }

  /**
   * Returns whether the run's action is synchronized (Port sets its status from the webhook
   * answer).
   */
  public boolean synchronizedRun() {
    return synchronizedRun;
  }

  /** Returns the action definition the run was created from. */
  public ObjectNode action() {
    return action;
  }

  /** Returns whether the run has a final status. */
  public boolean finished() {
    return endedAt != null;
  }

  /** Sets a final status and {@code endedAt}. */
  void finish(String finalStatus, Instant now) {
    status = finalStatus;
    endedAt = now;
    updatedAt = now;
  }

  /**
   * Renders the run as Port's API does; {@code v1} renders {@code action} as a string. The
   * blueprint and entity references carry their title and icon when they still exist; fields the
   * spec types as objects or date-times ({@code blueprint}, {@code entity}, {@code endedAt}) are
   * left out when the run has none, never sent as null
   * (docs/decisions/0033-run-rendering-without-entity.md).
   */
  ObjectNode toJson(boolean v1, ObjectNode blueprintDefinition, ObjectNode entityNode) {
    boolean blueprintExists = blueprintDefinition != null;
    boolean entityExists = entityNode != null;
    ObjectNode run = Json.object().put("id", id);
    String actionId = action.path("identifier").asText();
    if (v1) {
      run.put("action", actionId);
      run.put("relatedEntityExists", entityExists);
      run.put("relatedBlueprintExists", blueprintExists);
    } else {
      run.set("action", reference(actionId, action, false));
    }
    if (blueprint != null) {
      run.set("blueprint", reference(blueprint, blueprintDefinition, !blueprintExists));
    }
    if (entity != null) {
      run.set("entity", reference(entity, entityNode, !entityExists));
    }
    run.set("properties", properties.deepCopy());
    run.set("rawProperties", properties.deepCopy());
    run.put("status", status).put("statusLabel", statusLabel);
    if (link != null) {
      run.set("link", link.deepCopy());
    }
    if (summary != null) {
      run.put("summary", summary);
    }
    if (externalRunId != null) {
      run.put("externalRunId", externalRunId);
    }
    if (endedAt != null) {
      run.put("endedAt", Json.time(endedAt));
    }
    run.set("payload", payload == null ? null : payload.deepCopy());
    if (response != null) {
      run.set("response", response.deepCopy());
    }
    run.put("source", source).put("requiredApproval", false);
    run.put("createdBy", createdBy).put("updatedBy", createdBy);
    run.put("createdAt", Json.time(createdAt)).put("updatedAt", Json.time(updatedAt));
    return run;
  }

  // Port's reference objects: {identifier, title|null, icon|null, deleted}.
  private static ObjectNode reference(String identifier, ObjectNode definition, boolean deleted) {
    ObjectNode ref = Json.object().put("identifier", identifier);
    ref.put("title", definition == null ? null : definition.path("title").asText(null));
    ref.put("icon", definition == null ? null : definition.path("icon").asText(null));
    return ref.put("deleted", deleted);
  }

  /** Returns an immutable snapshot. */
  EmulatedRun snapshot() {
    return new EmulatedRun(
        id,
        action.path("identifier").asText(),
        RunStatus.of(status),
        statusLabel,
        links(link),
        summary,
        externalRunId,
        properties.deepCopy(),
        entity,
        createdAt,
        endedAt,
        logs,
        tied,
        payload == null ? null : payload.deepCopy(),
        response == null ? null : response.deepCopy(),
        deliveries);
  }

  // The link as sent is a string or an array of strings (RunRoutes validates it); null is none.
  private static List<String> links(JsonNode link) {
    List<String> links = new ArrayList<>();
    if (link != null && link.isArray()) {
      link.forEach(item -> links.add(item.asText()));
    } else if (link != null && !link.isNull()) {
      links.add(link.asText());
    }
    return links;
  }
}
