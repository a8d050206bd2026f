package io.portkit.backend.dispatch;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts a run's id and action in the SLF4J MDC of the current thread, and puts back what was there
 * when closed, so a pooled thread carries nothing into its next task.
 */
final class RunMdc {
  private final @Nullable String previousRunId;
  private final @Nullable String previousAction;

  private RunMdc(String runId, String action) {
    this.previousRunId = MDC.get(RunDispatcher.MDC_RUN_ID);
    this.previousAction = MDC.get(RunDispatcher.MDC_ACTION);
    MDC.put(RunDispatcher.MDC_RUN_ID, runId);
    MDC.put(RunDispatcher.MDC_ACTION, action);
  }

  static RunMdc of(ActiveRun run) {
    return new RunMdc(run.runId(), run.action());
  }

  void close() {
    restore(RunDispatcher.MDC_RUN_ID, previousRunId);
    restore(RunDispatcher.MDC_ACTION, previousAction);
  }

  private static void restore(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
