package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portkit.client.run.RunLogEntry;
import io.portkit.testkit.invoke.TemplateException;
import io.portkit.testkit.invoke.TriggerTemplate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs automations as Port does (docs/decisions/0196-emulator-automations.md): on each entity
 * create, update and delete, each run create and PATCH, and each timer property whose time has
 * passed on the emulator's clock, it finds the automations watching that blueprint or action,
 * evaluates their jq {@code condition} over the event, creates a run and delivers its webhook.
 *
 * <p>A chain of automation runs, each caused by a write of the one before (an entity write tied to
 * a run with {@code run_id}, a PATCH of a run, an automation run watched by another automation),
 * stops at {@link #DEFAULT_CHAIN_LIMIT} runs: the next run is not created, and a warning says so.
 * Call every method under the state lock.
 */
public final class AutomationEngine {
  /** How many automation runs a chain may hold before the next is refused as a loop. */
  public static final int DEFAULT_CHAIN_LIMIT = 10;

  private static final Set<String> ENTITY_EVENTS =
      Set.of(
          "ENTITY_CREATED",
          "ENTITY_UPDATED",
          "ENTITY_DELETED",
          "ANY_ENTITY_CHANGE",
          "TIMER_PROPERTY_EXPIRED");
  private static final Set<String> RUN_EVENTS =
      Set.of("RUN_CREATED", "RUN_UPDATED", "ANY_RUN_CHANGE");

  private final EmulatorState state;
  private final String caller;
  private final Set<String> firedTimers = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();
  private ActionInvoker invoker;
  private int chainLimit = DEFAULT_CHAIN_LIMIT;

  AutomationEngine(EmulatorState state, String caller) {
    this.state = state;
    this.caller = caller;
  }

  /** Sets who delivers automation runs' webhooks; null creates runs without delivering them. */
  void invoker(ActionInvoker invoker) {
    this.invoker = invoker;
  }

  /** Sets the loop bound: the most automation runs one chain may hold. */
  public void chainLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("automation chain limit must be positive, got " + limit);
    }
    this.chainLimit = limit;
  }

  /** Returns the warnings so far (loops stopped, conditions that failed), oldest first. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Checks an automation's trigger when it is defined.
   *
   * @throws ApiError 422 when the event type is unknown or its blueprint or action is missing
   */
  static void validate(JsonNode definition) {
    JsonNode trigger = definition.path("trigger");
    if (!trigger.path("type").asText("").equals("automation")) {
      return;
    }
    String type = trigger.path("event").path("type").asText("");
    if (ENTITY_EVENTS.contains(type)) {
      if (!trigger.path("event").path("blueprintIdentifier").isTextual()) {
        throw ApiError.invalid("automation event " + type + " needs \"blueprintIdentifier\"");
      }
    } else if (RUN_EVENTS.contains(type)) {
      if (!trigger.path("event").path("actionIdentifier").isTextual()) {
        throw ApiError.invalid("automation event " + type + " needs \"actionIdentifier\"");
      }
    } else {
      throw ApiError.invalid(
          "automation event type must be one of "
              + new java.util.TreeSet<>(ENTITY_EVENTS)
              + " or "
              + new java.util.TreeSet<>(RUN_EVENTS)
              + ", got \""
              + type
              + "\"");
    }
    JsonNode condition = trigger.path("condition");
    if (!condition.isMissingNode() && !condition.isNull()) {
      String combinator = condition.path("combinator").asText("and");
      if (!condition.path("expressions").isArray()
          || !(combinator.equals("and") || combinator.equals("or"))) {
        throw ApiError.invalid(
            "automation condition must be {\"type\":\"JQ\",\"expressions\":[...],"
                + "\"combinator\":\"and\"|\"or\"}");
      }
    }
  }

  /**
   * An entity was created ({@code before} null), updated or deleted ({@code after} null); {@code
   * cause} is the run the write was tied to, or null.
   */
  void entityChanged(
      String action,
      String blueprint,
      String entity,
      RunRecord cause,
      JsonNode before,
      JsonNode after) {
    String eventType =
        switch (action) {
          case "CREATE" -> "ENTITY_CREATED";
          case "DELETE" -> "ENTITY_DELETED";
          default -> "ENTITY_UPDATED";
        };
    ObjectNode event = entityEvent(action, blueprint, entity, null, before, after);
    for (ObjectNode automation : watching(blueprint, true)) {
      String type = automation.path("trigger").path("event").path("type").asText();
      if (type.equals(eventType) || type.equals("ANY_ENTITY_CHANGE")) {
        fire(automation, event, cause, blueprint + "/" + entity);
      }
    }
  }

  /**
   * A run was created ({@code before} null) or updated; {@code cause} is the run whose write led to
   * it (the run itself for a PATCH, the parent run for an automation run), or null.
   */
  void runChanged(RunRecord run, ObjectNode before, ObjectNode after, RunRecord cause) {
    String actionId = run.action.path("identifier").asText();
    String action = before == null ? "CREATE" : "UPDATE";
    ObjectNode event = Json.object().put("id", run.id).put("resourceType", "run");
    event.put("action", action);
    event.set("trigger", trigger("API"));
    event.putObject("context").put("action", actionId);
    ObjectNode diff = event.putObject("diff");
    diff.set("before", before == null ? NullNode.getInstance() : before);
    diff.set("after", after);
    for (ObjectNode automation : watching(actionId, false)) {
      String type = automation.path("trigger").path("event").path("type").asText();
      boolean matches =
          type.equals("ANY_RUN_CHANGE")
              || type.equals(before == null ? "RUN_CREATED" : "RUN_UPDATED");
      if (matches) {
        fire(automation, event, cause, "run " + run.id);
      }
    }
  }

  /**
   * Fires {@code TIMER_PROPERTY_EXPIRED} for each timer property whose time has passed on the
   * emulator's clock and has not fired for that value yet.
   *
   * @return the ids of the runs created
   */
  List<String> checkTimers() {
    Instant now = state.now();
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> blueprint : state.blueprints.entrySet()) {
      List<String> timers = new ArrayList<>();
      blueprint
          .getValue()
          .path("schema")
          .path("properties")
          .properties()
          .forEach(
              p -> {
                if ("timer".equals(p.getValue().path("format").asText())) {
                  timers.add(p.getKey());
                }
              });
      if (timers.isEmpty()) {
        continue;
      }
      Map<String, ObjectNode> entities = state.entities.getOrDefault(blueprint.getKey(), Map.of());
      for (ObjectNode entity : List.copyOf(entities.values())) {
        for (String property : timers) {
          JsonNode value = entity.path("properties").path(property);
          Instant at = instant(value);
          String key =
              blueprint.getKey() + "\n" + entity.path("identifier").asText() + "\n" + property;
          if (at == null || at.isAfter(now) || !firedTimers.add(key + "\n" + value.asText())) {
            continue;
          }
          ObjectNode event =
              entityEvent(
                  "UPDATE",
                  blueprint.getKey(),
                  entity.path("identifier").asText(),
                  property,
                  null,
                  entity);
          for (ObjectNode automation : watching(blueprint.getKey(), true)) {
            JsonNode on = automation.path("trigger").path("event");
            if (on.path("type").asText().equals("TIMER_PROPERTY_EXPIRED")
                && (!on.path("propertyIdentifier").isTextual()
                    || on.path("propertyIdentifier").asText().equals(property))) {
              String id = fire(automation, event, null, blueprint.getKey() + "/" + key);
              if (id != null) {
                created.add(id);
              }
            }
          }
        }
      }
    }
    return created;
  }

  /** Forgets fired timers and warnings. */
  void clear() {
    firedTimers.clear();
    warnings.clear();
  }

  private List<ObjectNode> watching(String target, boolean entity) {
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode action : state.actions.values()) {
      JsonNode trigger = action.path("trigger");
      if (!trigger.path("type").asText().equals("automation")
          || !isPublished(action.path("publish"))) {
        continue;
      }
      JsonNode on = trigger.path("event");
      String watched = on.path(entity ? "blueprintIdentifier" : "actionIdentifier").asText(null);
      if (target.equals(watched)) {
        found.add(action);
      }
    }
    return found;
  }

  // An automation saved with "publish": false is a draft and never fires; absent means published.
  private static boolean isPublished(JsonNode publish) {
    return publish.isMissingNode() || publish.isNull() || publish.asBoolean(true);
  }

  private String fire(ObjectNode automation, ObjectNode event, RunRecord cause, String what) {
    String id = automation.path("identifier").asText();
    if (!conditionHolds(automation, event, id)) {
      return null;
    }
    int depth = cause == null ? 1 : cause.chainDepth + 1;
    if (depth > chainLimit) {
      String warning =
          "automation "
              + id
              + " was not triggered by "
              + event.path("resourceType").asText()
              + " "
              + what
              + ": this chain already holds "
              + chainLimit
              + " automation runs (a loop: a backend whose own writes trigger its automation"
              + " again?); the emulator stops it here";
      warnings.add(warning);
      cause.logs.add(new RunLogEntry(state.ids().logId(), cause.id, warning, caller, state.now()));
      return null;
    }
    RunRecord run = state.createAutomationRun(automation, event, depth, caller);
    runChanged(run, null, state.runJson(run, false), run);
    if (invoker != null) {
      invoker.invoke(run.id(), "AUTOMATION");
    }
    return run.id();
  }

  private boolean conditionHolds(ObjectNode automation, ObjectNode event, String id) {
    JsonNode condition = automation.path("trigger").path("condition");
    JsonNode expressions = condition.path("expressions");
    if (!expressions.isArray() || expressions.isEmpty()) {
      return true;
    }
    boolean any = condition.path("combinator").asText("and").equals("or");
    for (JsonNode expression : expressions) {
      boolean holds;
      try {
        JsonNode value =
            TriggerTemplate.render(TextNode.valueOf("{{ " + expression.asText() + " }}"), event);
        holds =
            !(value.isNull()
                || value.isMissingNode()
                || (value.isBoolean() && !value.booleanValue()));
      } catch (TemplateException e) {
        warnings.add("automation " + id + ": condition " + e.getMessage() + "; not triggered");
        return false;
      }
      if (any && holds) {
        return true;
      }
      if (!any && !holds) {
        return false;
      }
    }
    return !any;
  }

  private ObjectNode entityEvent(
      String action,
      String blueprint,
      String entity,
      String property,
      JsonNode before,
      JsonNode after) {
    ObjectNode event = Json.object().put("action", action).put("resourceType", "entity");
    event.set("trigger", trigger("API"));
    ObjectNode context = event.putObject("context");
    context.put("blueprintIdentifier", blueprint).put("entityIdentifier", entity);
    context.put("propertyIdentifier", property);
    ObjectNode diff = event.putObject("diff");
    diff.set("before", before == null ? NullNode.getInstance() : before.deepCopy());
    diff.set("after", after == null ? NullNode.getInstance() : after.deepCopy());
    return event;
  }

  private ObjectNode trigger(String origin) {
    ObjectNode trigger = Json.object();
    trigger.putObject("by").put("orgId", TriggerData.ORG_ID).put("userId", caller);
    return trigger.put("origin", origin).put("at", Json.time(state.now()));
  }

  private static Instant instant(JsonNode value) {
    if (!value.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(value.textValue());
    } catch (DateTimeException e) {
      return null;
    }
  }
}
