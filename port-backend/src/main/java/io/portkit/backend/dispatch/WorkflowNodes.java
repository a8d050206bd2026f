package io.portkit.backend.dispatch;

import java.util.regex.Pattern;

/** What tells a workflow node run from an action run. Stateless. */
final class WorkflowNodes {
  /** Port's shape of a workflow node run id. */
  static final Pattern NODE_RUN_ID = Pattern.compile("^wfnr_[a-zA-Z0-9]{16}$");

  private WorkflowNodes() {}

  /** Returns whether {@code runId} names a workflow node run ({@code wfnr_...}). */
  static boolean isNodeRunId(String runId) {
    return runId.startsWith("wfnr_");
  }
}
