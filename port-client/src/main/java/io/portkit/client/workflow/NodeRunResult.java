package io.portkit.client.workflow;

/** How a completed workflow node run ended. */
public enum NodeRunResult {
  /** The node did its work. */
  SUCCESS,
  /** The node failed; the workflow run fails. */
  FAILED,
  /** The workflow run was cancelled. */
  CANCELLED
}
