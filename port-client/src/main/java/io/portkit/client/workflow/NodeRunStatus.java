package io.portkit.client.workflow;

/** The status of a workflow node run: running, or completed with a {@link NodeRunResult}. */
public enum NodeRunStatus {
  /** The node is running. */
  IN_PROGRESS,
  /** The node ended; its result says how. */
  COMPLETED
}
