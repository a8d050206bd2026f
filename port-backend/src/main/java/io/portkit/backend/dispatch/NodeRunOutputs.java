package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.RunContext;
import io.portkit.client.workflow.NodeRunContext;

/** Sets a workflow node run's output through whatever context reports on it. Stateless. */
final class NodeRunOutputs {
  private NodeRunOutputs() {}

  /** Gives {@code ctx} the output to send with the final status, when it reports a node run. */
  static void set(RunContext ctx, ObjectNode output) {
    if (ctx instanceof NodeRunContext node) {
      node.output(output);
    }
  }
}
