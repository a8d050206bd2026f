package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * Builds what Port renders an invocation from: the trigger data jq templates see, and the legacy
 * envelope sent when an action has no {@code body}
 * (docs/decisions/0110-legacy-envelope-without-body.md). Call under the state lock: it reads the
 * catalog.
 */
final class TriggerData {
  /** The organisation id the emulator reports in {@code .trigger.by.orgId}. */
  static final String ORG_ID = "org_portkitEmulator";

  /** The email of the user the emulator reports as running every action. */
  static final String USER_EMAIL = "emulator@portkit.invalid";

  private TriggerData() {}

  /**
   * Returns the trigger data for {@code run} ({@code .inputs, .trigger, .event, .entity, .action,
   * .run, .secrets}).
   */
  static ObjectNode of(
      EmulatorState state, RunRecord run, String origin, Map<String, String> secrets) {
    if (run.event != null) {
      return automation(run, secrets);
    }
    ObjectNode data = Json.object();
    data.set("inputs", inputs(run));
    ObjectNode trigger = data.putObject("trigger");
    trigger.set("by", by(run));
    trigger.put("origin", origin).put("at", Json.time(run.createdAt));
    trigger.put("operation", run.action.path("trigger").path("operation").asText("DAY-2"));
    data.set("event", NullNode.getInstance());
    ObjectNode entity = entityJson(state, run);
    data.set("entity", entity == null ? Json.object() : entity);
    ObjectNode action = data.putObject("action");
    action.put("identifier", run.action.path("identifier").asText());
    action.put("blueprint", run.blueprint);
    run.encryptedProperties.forEach(action.putArray("encryptedProperties")::add);
    data.putObject("run").put("id", run.id);
    ObjectNode secretNode = data.putObject("secrets");
    secrets.forEach(secretNode::put);
    return data;
  }

  /**
   * Returns Port's old default body for {@code run}: the envelope shown in
   * https://docs.port.io/actions-and-automations/setup-backend/webhook/port-execution-agent/control-the-payload.
   */
  static ObjectNode legacyEnvelope(EmulatorState state, RunRecord run, String origin) {
    ObjectNode body = Json.object();
    body.put("action", run.action.path("identifier").asText());
    body.put("resourceType", "run").put("status", "TRIGGERED");
    ObjectNode trigger = body.putObject("trigger");
    trigger.set("by", by(run));
    trigger.put("origin", origin).put("at", Json.time(run.createdAt));
    ObjectNode context = body.putObject("context");
    context.put("entity", run.entity).put("blueprint", run.blueprint).put("runId", run.id);
    ObjectNode payload = body.putObject("payload");
    payload.set("entity", entityJson(state, run));
    ObjectNode action = run.action.deepCopy();
    action.put("trigger", run.action.path("trigger").path("operation").asText("DAY-2"));
    payload.set("action", action);
    payload.set("properties", inputs(run));
    run.encryptedProperties.forEach(action.putArray("encryptedProperties")::add);
    payload.putArray("censoredProperties");
    if (run.event != null) {
      body.set("event", run.event.deepCopy());
    }
    return body;
  }

  /**
   * Returns the trigger data of an automation's run: {@code inputs} and {@code entity} null, the
   * {@code event}, and {@code trigger.origin} {@code AUTOMATION}.
   */
  private static ObjectNode automation(RunRecord run, Map<String, String> secrets) {
    ObjectNode data = Json.object();
    data.set("inputs", NullNode.getInstance());
    ObjectNode trigger = data.putObject("trigger");
    trigger.set("by", by(run));
    trigger.put("origin", "AUTOMATION").put("at", Json.time(run.createdAt));
    data.set("event", run.event.deepCopy());
    data.set("entity", NullNode.getInstance());
    ObjectNode action = data.putObject("action");
    action.put("identifier", run.action.path("identifier").asText());
    action.putArray("encryptedProperties");
    data.putObject("run").put("id", run.id);
    ObjectNode secretNode = data.putObject("secrets");
    secrets.forEach(secretNode::put);
    return data;
  }

  /** The inputs as delivered: secret ones encrypted, never their plaintext. */
  private static ObjectNode inputs(RunRecord run) {
    return (run.delivered != null ? run.delivered : run.properties).deepCopy();
  }

  private static ObjectNode by(RunRecord run) {
    ObjectNode by = Json.object().put("orgId", ORG_ID).put("userId", run.createdBy);
    ObjectNode user = by.putObject("user");
    user.put("email", USER_EMAIL).put("firstName", "Port").put("lastName", "Emulator");
    user.put("id", run.createdBy).put("status", "ACTIVE");
    user.putArray("providers").add("port");
    String epoch = Json.time(Instant.EPOCH);
    user.put("createdAt", epoch).put("updatedAt", epoch);
    return by;
  }

  private static ObjectNode entityJson(EmulatorState state, RunRecord run) {
    if (run.entity == null || run.blueprint == null) {
      return null;
    }
    ObjectNode entity = state.entities.getOrDefault(run.blueprint, Map.of()).get(run.entity);
    return entity == null ? null : entity.deepCopy();
  }
}
