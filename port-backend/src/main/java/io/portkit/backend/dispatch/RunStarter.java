package io.portkit.backend.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts a run's handler on the handler executor, first recording in the journal that a run which
 * waited in the queue is starting (so a crash from then on ends it "backend restarted" instead of
 * queueing it again) and replacing its waiting label. A run whose start cannot be journaled ends
 * FAILURE saying so rather than run unrecorded. Thread-safe.
 */
final class RunStarter {
  private final Executor executor;
  private final Durability durability;
  private final WaitingLabels labels;
  private final RunReporter reporter;
  private final DeadlineReports reports;
  private final Consumer<ActiveRun> finished;
  private final BooleanSupplier closing;

  /**
   * {@code finished} is the dispatcher's bookkeeping once a run ended; {@code closing} says whether
   * it is shutting down, which is why an executor would refuse a run.
   */
  RunStarter(
      Executor executor,
      Durability durability,
      WaitingLabels labels,
      RunReporter reporter,
      DeadlineReports reports,
      Consumer<ActiveRun> finished,
      BooleanSupplier closing) {
    this.executor = executor;
    this.durability = durability;
    this.labels = labels;
    this.reporter = reporter;
    this.reports = reports;
    this.finished = finished;
    this.closing = closing;
  }

  /**
   * Hands {@code run} to the executor.
   *
   * @return false if the executor refused it; the run was not settled, the caller decides
   */
  boolean execute(ActiveRun run) {
    try {
      executor.execute(() -> start(run));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Hands a run the queue released to the executor; one it refuses is settled FAILURE here. */
  void launch(ActiveRun run) {
    if (!execute(run) && run.claim()) {
      Ending ending =
          closing.getAsBoolean()
              ? Ending.shutdown()
              : Ending.handlerError(
                  new RejectedExecutionException("the handler executor refused the run"));
      reports.submit(run, ending, "not started", () -> finished.accept(run));
    }
  }

  private void start(ActiveRun run) {
    if (run.isSettled()) {
      return; // its timeout or the shutdown settled it while it waited for a thread
    }
    String unrecorded = durability.started(run);
    if (unrecorded != null) {
      if (run.claim()) {
        try {
          reporter.report(run, Ending.startNotJournaled(unrecorded));
        } finally {
          finished.accept(run);
        }
      }
      return;
    }
    labels.started(run);
    new RunTask(run, reporter, finished).run();
  }
}
