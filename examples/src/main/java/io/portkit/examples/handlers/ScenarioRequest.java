package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.ActionRun;
import java.util.Optional;

/**
 * What a scenario handler needs to know about a run: its id, its action, the user's inputs and the
 * entity it is about. Built from a webhook delivery or from a run fetched through the API.
 *
 * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
 * @param action the action identifier, or {@code ""} when the delivery does not name it
 * @param inputs the user inputs, a JSON object (empty when there are none); treat as read-only
 * @param entity the entity identifier, or null for actions without an entity
 */
public record ScenarioRequest(String runId, String action, ObjectNode inputs, String entity) {

  /** Validates the components; a null {@code inputs} becomes an empty object. */
  public ScenarioRequest {
    requireNonNull(runId, "runId == null");
    requireNonNull(action, "action == null");
    inputs = inputs == null ? JsonNodeFactory.instance.objectNode() : inputs;
  }

  /** Returns the request for a verified webhook delivery. */
  public static ScenarioRequest of(RunInvocation invocation) {
    requireNonNull(invocation, "invocation == null");
    return new ScenarioRequest(
        invocation.runId(),
        invocation.actionIdentifier().orElse(""),
        invocation.inputs(),
        invocation.entityIdentifier().orElse(null));
  }

  /** Returns the request for a run read through the API ({@code simulate RUN_ID}). */
  public static ScenarioRequest of(ActionRun run) {
    requireNonNull(run, "run == null");
    JsonNode props = run.properties();
    return new ScenarioRequest(
        run.id(),
        run.actionIdentifier().orElse(""),
        props.isObject() ? (ObjectNode) props : null,
        run.entityIdentifier().orElse(null));
  }

  /** Returns the text input {@code name}, if present and not blank. */
  public Optional<String> text(String name) {
    JsonNode value = inputs.get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.asText().strip());
  }
}
