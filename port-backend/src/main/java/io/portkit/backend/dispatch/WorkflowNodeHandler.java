package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;
import io.portkit.client.workflow.NodeRunContext;
import org.jspecify.annotations.Nullable;

/**
 * The backend's code for one node of a Port workflow (beta): handles a node run ({@code wfnr_...})
 * and returns the node's output, which later nodes read as {@code .outputs.<node>}.
 *
 * <pre>{@code
 * builder.workflowNode("create_bucket", (run, ctx) -> {
 *   ctx.log(LogLevel.INFO, "creating " + run.inputs().path("name").asText());
 *   return Map.of("bucket", "b-123");   // a synchronized node answers with it as the body
 * });
 * }</pre>
 *
 * <p>The contract of {@link RunHandler} holds (return = SUCCESS, throw = FAILED with the reason in
 * an ERROR log line, the timeout, duplicates, journal, shutdown, crash recovery). The returned
 * value is serialised with Jackson; a JSON object is the output as it is, any other value is {@code
 * {"value": ...}}, and null keeps what the handler set through {@link
 * NodeRunContext#output(ObjectNode)}.
 */
@FunctionalInterface
public interface WorkflowNodeHandler {
  /**
   * Executes one node run.
   *
   * @param run what Port sent
   * @param ctx the node run's reporter: leveled logs, output, final status
   * @return the node's output, or null for the output set through {@code ctx}
   * @throws Exception any failure; the node run is reported FAILED with it in a log line
   */
  @Nullable Object handle(RunInvocation run, NodeRunContext ctx) throws Exception;

  /** Adapts {@code handler}: its return value becomes the node run's output. */
  static RunHandler asRunHandler(String node, WorkflowNodeHandler handler) {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    return (run, ctx) -> {
      NodeRunContext nodeCtx = asNodeContext(node, run, ctx);
      Object output = handler.handle(run, nodeCtx);
      if (output != null && !nodeCtx.isFinished()) {
        nodeCtx.output(toOutput(mapper, output));
      }
    };
  }

  private static NodeRunContext asNodeContext(String node, RunInvocation run, RunContext ctx) {
    if (ctx instanceof NodeRunContext n) {
      return n;
    }
    throw new IllegalStateException(
        "run "
            + run.runId()
            + " reached the handler of workflow node "
            + node
            + " but is not a workflow node run (wfnr_...), or its context is not a NodeRunContext:"
            + " use PortClient::runContext as the dispatcher's contexts");
  }

  private static ObjectNode toOutput(ObjectMapper mapper, Object value) {
    JsonNode tree = value instanceof JsonNode j ? j : mapper.valueToTree(value);
    if (tree instanceof ObjectNode o) {
      return o;
    }
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("value", tree);
    return wrapped;
  }
}
