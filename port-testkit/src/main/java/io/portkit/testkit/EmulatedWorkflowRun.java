package io.portkit.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one workflow run held by the emulator (Workflows are in beta).
 *
 * @param id the workflow run id ({@code wfr_} + 16 letters and digits)
 * @param workflow the workflow's identifier
 * @param status {@code IN_PROGRESS} or {@code COMPLETED}
 * @param result {@code SUCCESS}, {@code FAILED} or {@code CANCELLED} once completed, else null
 * @param nodeRuns the node runs so far, in the order they started
 * @param outputs the run's {@code variables.outputs}: each node's output by node identifier, the
 *     trigger's being the inputs
 */
public record EmulatedWorkflowRun(
    String id,
    String workflow,
    String status,
    @Nullable String result,
    List<EmulatedNodeRun> nodeRuns,
    ObjectNode outputs) {
  /** Validates the components and copies the list. */
  public EmulatedWorkflowRun {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(workflow, "workflow == null");
    Objects.requireNonNull(status, "status == null");
    nodeRuns = List.copyOf(nodeRuns);
    outputs = outputs.deepCopy();
  }

  /** Returns whether the run has completed. */
  public boolean isCompleted() {
    return "COMPLETED".equals(status);
  }

  /** Returns the run of node {@code node}, if it started. */
  public Optional<EmulatedNodeRun> nodeRun(String node) {
    return nodeRuns.stream().filter(n -> n.node().equals(node)).findFirst();
  }
}
