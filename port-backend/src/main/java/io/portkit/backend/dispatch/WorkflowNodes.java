package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What tells a workflow node run from an action run. Stateless. */
final class WorkflowNodes {
  /** Port's shape of a workflow node run id. */
  static final Pattern NODE_RUN_ID = Pattern.compile("^wfnr_[a-zA-Z0-9]{16}$");

  /** The prefix of a workflow node route's name, as the journal keeps it. */
  static final String ROUTE_PREFIX = "workflow-node:";

  private WorkflowNodes() {}

  /**
   * Returns the identifier of the node a node run belongs to, as its body names it: {@code
   * port_context.node} (portkit's recommended node body), else the action identifier the body
   * carries; null when it names none.
   */
  static @Nullable String nodeIdentifier(RunInvocation run) {
    String node = run.raw().path("port_context").path("node").asText("");
    if (!node.isBlank()) {
      return node;
    }
    return run.actionIdentifier().orElse(null);
  }

  /** Returns whether {@code runId} names a workflow node run ({@code wfnr_...}). */
  static boolean isNodeRunId(String runId) {
    return runId.startsWith("wfnr_");
  }
}
