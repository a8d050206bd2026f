package io.portkit.backend.internal;

import io.portkit.client.PortApiException;
import io.portkit.client.PortClient;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.RunQuery;
import io.portkit.client.workflow.WorkflowNodeRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds runs in Port for the hand-off completions of a process that does not hold them in memory:
 * action runs by external id ({@code GET /v1/actions/runs?external_run_id=}) and by id. Stateless.
 */
public final class PortRunLookup {
  private PortRunLookup() {}

  /**
   * A run found in Port.
   *
   * @param runId its id
   * @param status its status as Port sent it
   * @param terminal whether it has ended
   */
  public record Match(String runId, String status, boolean terminal) {}

  /**
   * Returns the action runs whose external id is {@code externalRunId}, newest first; when there
   * are none, the workflow node runs with it ({@code GET
   * /v1/workflows/nodes/runs?external_run_id=}, as Port's integrations look them up).
   *
   * @throws io.portkit.client.PortException when Port cannot be asked
   */
  public static List<Match> byExternalId(PortClient port, String externalRunId) {
    Objects.requireNonNull(port, "port == null");
    List<Match> out = new ArrayList<>();
    for (ActionRun run : port.runs().list(RunQuery.byExternalRunId(externalRunId))) {
      out.add(new Match(run.id(), run.status().value(), run.status().isTerminal()));
    }
    if (out.isEmpty()) {
      try {
        for (WorkflowNodeRun run : port.workflowNodeRuns().byExternalRunId(externalRunId)) {
          out.add(new Match(run.identifier(), run.status(), run.isCompleted()));
        }
      } catch (PortApiException e) {
        if (e.isRetryable()) {
          throw e;
        } // an organization without Workflows: no node runs
      }
    }
    return out;
  }

  /**
   * Returns the action run {@code runId}, or null when Port says there is none (a refusal that
   * asking again cannot change).
   *
   * @throws io.portkit.client.PortException when Port cannot be asked now
   */
  public static @Nullable Match byRunId(PortClient port, String runId) {
    Objects.requireNonNull(port, "port == null");
    try {
      ActionRun run = port.runs().get(runId);
      return new Match(run.id(), run.status().value(), run.status().isTerminal());
    } catch (PortApiException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return null;
    }
  }

  /** Returns the links run {@code runId} has in Port, or none when they cannot be read. */
  public static List<String> links(PortClient port, String runId) {
    return port.runs().get(runId).links();
  }
}
