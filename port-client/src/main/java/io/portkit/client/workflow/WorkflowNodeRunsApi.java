package io.portkit.client.workflow;

import java.util.List;

/**
 * Port's workflow node-run routes (Workflows are in beta). The update route is {@code PATCH
 * /v1/workflows/nodes/runs/{id}}, as Port's API reference and Port's own clients have it (the
 * workflows guide shows {@code /v1/workflows/runs/{wfr}/nodes/{wfnr}}; ADR 0210).
 *
 * <p>Implementations are thread-safe. Every method throws {@link
 * io.portkit.client.PortApiException} for a non-2xx answer and {@link
 * io.portkit.client.PortTransportException} when Port could not be reached.
 */
public interface WorkflowNodeRunsApi {
  /** Updates node run {@code nodeRunId} ({@code PATCH /v1/workflows/nodes/runs/{id}}). */
  void update(String nodeRunId, NodeRunUpdate update);

  /**
   * Adds log lines ({@code POST /v1/workflows/nodes/runs/{id}/logs} with {@code {"logs": [{"level",
   * "message"}]}}); tags are not sent on this route.
   */
  void addLogs(String nodeRunId, List<NodeRunLog> logs);

  /** Returns the node runs with {@code externalRunId} ({@code GET /v1/workflows/nodes/runs}). */
  List<WorkflowNodeRun> byExternalRunId(String externalRunId);
}
