package io.portkit.backend.dispatch;

import io.portkit.backend.internal.PortRunLookup;
import io.portkit.backend.journal.HandedOffRun;
import io.portkit.client.PortClient;
import io.portkit.client.PortException;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunUpdate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends handed-off runs in Port through a fresh {@link RunContext}: with the result a completion
 * gave, FAILURE when the deadline passed, or FAILURE when the backend shuts down with nowhere to
 * keep the hand-off. Throws when Port does not take the report, so the caller can keep the run
 * awaited. Stateless and thread-safe.
 */
final class HandOffReporter {
  private static final Logger log = LoggerFactory.getLogger(HandOffReporter.class);

  /** The label of a run whose hand-off got no completion by its deadline. */
  static final String EXPIRED_LABEL = "no completion";

  private final RunContextFactory contexts;
  private final @Nullable PortClient port;

  HandOffReporter(RunContextFactory contexts, @Nullable PortClient port) {
    this.contexts = contexts;
    this.port = port;
  }

  /** Ends {@code runId} with {@code result}: the last log line, then one update. */
  void complete(String runId, HandOffResult result) {
    RunContext ctx = contexts.create(runId, RunContext.Mode.ASYNC);
    if (result.lastLog() != null) {
      ctx.log(result.lastLog());
    }
    if (result.output() != null) {
      NodeRunOutputs.set(ctx, result.output());
    }
    RunUpdate.Builder update =
        RunUpdate.builder()
            .status(result.status())
            .statusLabel(
                result.statusLabel() != null
                    ? result.statusLabel()
                    : result.status() == FinalStatus.SUCCESS ? "completed" : "failed");
    if (result.summary() != null) {
      update.summary(result.summary());
    }
    if (!result.links().isEmpty()) {
      // Port's PATCH replaces the link array: keep the links the handler added before.
      List<String> all = new ArrayList<>(new LinkedHashSet<>(existingLinks(runId)));
      result.links().stream().filter(l -> !all.contains(l)).forEach(all::add);
      update.links(all);
    }
    ctx.update(update.build());
  }

  /** Ends {@code run} FAILURE: no completion came by its deadline. */
  void expire(HandedOffRun run) {
    fail(
        run.runId(),
        EXPIRED_LABEL,
        "no completion came from "
            + run.expectedFrom()
            + " for "
            + run.externalRunId()
            + " by the deadline "
            + run.deadline()
            + ": see whether it finished there, then run the action again");
  }

  /** Ends {@code run} FAILURE: the backend shut down and keeps no journal to await it after. */
  void shutDown(HandedOffRun run) {
    fail(
        run.runId(),
        Ending.SHUTDOWN_LABEL,
        "the backend shut down while waiting for "
            + run.expectedFrom()
            + " ("
            + run.externalRunId()
            + ") and has no journal to wait again after it starts: run the action again, or give"
            + " the backend a journal");
  }

  /**
   * Returns the status Port already has for an action run that ended without us (completed by
   * another process), or null when it is still running or Port cannot tell.
   */
  @Nullable String endedInPort(String runId) {
    if (port == null || WorkflowNodes.isNodeRunId(runId)) {
      return null;
    }
    try {
      PortRunLookup.Match match = PortRunLookup.byRunId(port, runId);
      return match != null && match.terminal() ? match.status() : null;
    } catch (PortException e) {
      log.debug("run {}: could not read its status in Port ({})", runId, e.toString());
      return null;
    }
  }

  private void fail(String runId, String label, String summary) {
    contexts
        .create(runId, RunContext.Mode.ASYNC)
        .update(
            RunUpdate.builder()
                .status(FinalStatus.FAILURE)
                .statusLabel(label)
                .summary(summary)
                .build());
  }

  private List<String> existingLinks(String runId) {
    if (port == null || WorkflowNodes.isNodeRunId(runId)) {
      return List.of();
    }
    try {
      return PortRunLookup.links(port, runId);
    } catch (PortException e) {
      log.warn(
          "run {}: could not read its links in Port ({}); the completion's links replace them",
          runId,
          e.toString());
      return List.of();
    }
  }
}
