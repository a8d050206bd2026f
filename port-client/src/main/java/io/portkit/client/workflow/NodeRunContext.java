package io.portkit.client.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.run.RunContext;
import java.util.Map;

/**
 * The {@link RunContext} of a workflow node run ({@code wfnr_...}): the same handler API, reported
 * through the node-run routes, plus log levels and an output object that later nodes read as {@code
 * .outputs.<node>}.
 *
 * <p>A node run has a status, a result, an output and logs, nothing else, so the action-run fields
 * become log lines: {@link #statusLabel} logs {@code status: <label>}, {@link #addLink} logs {@code
 * link: <url>} (and keeps it in {@link #links()}), {@link #summary} logs {@code summary: <text>},
 * and the final summary is a log line (INFO on success, ERROR on failure) in the final PATCH.
 * Entity writes are not tied to the node run (Port ties entities to action runs only). {@link
 * #succeed}/{@link #fail} complete the node with {@code SUCCESS}/{@code FAILED} and the output set
 * so far; in {@link Mode#SYNCHRONIZED} they only record it, for the answer (ADR 0212).
 *
 * <p>Thread-safe; writes are sent one at a time, in call order.
 */
public interface NodeRunContext extends RunContext {
  /**
   * Returns a context reporting on node run {@code nodeRunId} through {@code nodeRuns}.
   *
   * @param mode {@link Mode#SYNCHRONIZED} for a node whose webhook answer carries its result
   */
  static NodeRunContext of(
      String nodeRunId, Mode mode, WorkflowNodeRunsApi nodeRuns, EntitiesApi entities) {
    return new ApiNodeRunContext(nodeRunId, mode, nodeRuns, entities);
  }

  /** Adds a log line at {@code level}. */
  void log(LogLevel level, String message);

  /** Adds a log line at {@code level} with {@code tags} (sent in a PATCH, which carries tags). */
  void log(LogLevel level, String message, Map<String, String> tags);

  /**
   * Replaces the output object sent with the final status; nothing is sent now. For a synchronized
   * node, the answer's body is the output.
   */
  void output(ObjectNode output);

  /** Sets one field of the output object. */
  void putOutput(String field, JsonNode value);

  /** Returns a copy of the output object so far (empty when none was set). */
  ObjectNode output();
}
