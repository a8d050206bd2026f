package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the reports the dispatcher makes itself (a run that timed out, a run still running at
 * shutdown) on their own threads, each bounded by a deadline: the single timeout thread only claims
 * and hands over, so one slow Port call cannot delay every other run's timeout, and the reports at
 * shutdown go out together instead of one after another. A report still running at its deadline is
 * interrupted (the client gives up its call or its retry wait) and {@link RunReporter} logs the
 * ERROR that says how to set the status by hand. Thread-safe.
 */
final class DeadlineReports {
  private static final Logger log = LoggerFactory.getLogger(DeadlineReports.class);

  private final RunReporter reporter;
  private final Executor executor;
  private final ScheduledExecutorService timers;
  private final Duration deadline;

  DeadlineReports(
      RunReporter reporter, Executor executor, ScheduledExecutorService timers, Duration deadline) {
    this.reporter = reporter;
    this.executor = executor;
    this.timers = timers;
    this.deadline = deadline;
  }

  Duration deadline() {
    return deadline;
  }

  /**
   * Reports {@code ending} for {@code run} on a reporting thread, then runs {@code after} (the
   * dispatcher's bookkeeping) whatever happened, and logs {@code run <id> <why>: reported FAILURE}
   * once Port has it.
   *
   * @return completes with whether Port took the report, once {@code after} has run
   */
  CompletableFuture<Boolean> submit(ActiveRun run, Ending ending, String why, Runnable after) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    Runnable task =
        () -> {
          RunMdc mdc = RunMdc.of(run);
          try {
            boolean reported = bounded(run, ending, after);
            if (reported) {
              // One line, no stack trace: this is the designed path.
              log.warn("run {} {}: reported {}", run.runId(), why, ending.status());
            }
            done.complete(reported);
          } finally {
            mdc.close();
          }
        };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // only while shutting down: report here rather than not at all
    }
    return done;
  }

  private boolean bounded(ActiveRun run, Ending ending, Runnable after) {
    Thread self = Thread.currentThread();
    Thread.interrupted(); // a pooled thread starts clean
    AtomicBoolean over = new AtomicBoolean();
    AtomicBoolean expired = new AtomicBoolean();
    Future<?> alarm = schedule(self, over, expired);
    try {
      boolean reported = reporter.report(run, ending);
      if (expired.get()) {
        log.error(
            "run {}: reporting {} did not finish within {} and was given up",
            run.runId(),
            ending.status(),
            Ending.human(deadline));
      }
      return reported;
    } finally {
      over.set(true);
      alarm.cancel(false);
      try {
        after.run();
      } finally {
        Thread.interrupted(); // the alarm's interrupt, if it fired, ends with this task
      }
    }
  }

  private Future<?> schedule(Thread self, AtomicBoolean over, AtomicBoolean expired) {
    try {
      return timers.schedule(
          () -> {
            if (!over.get()) {
              expired.set(true);
              self.interrupt();
            }
          },
          deadline.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(null); // timers stopped: no deadline left to keep
    }
  }
}
