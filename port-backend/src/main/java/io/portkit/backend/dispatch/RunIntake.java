package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a routed run into the dispatcher: reserves a handler slot or a place in a queue ({@link
 * RunScheduler}), arms its timeout, records it in the journal (started or waiting), then starts it
 * or queues it with its waiting label. The timeout takes a run still waiting out of its queue and
 * ends it FAILURE saying what it waited for. Thread-safe.
 */
final class RunIntake {
  private static final Logger log = LoggerFactory.getLogger(RunIntake.class);

  /**
   * The dispatcher's timeouts, used when the route has none of its own.
   *
   * @param async of asynchronous runs ({@code runTimeout})
   * @param sync of synchronized runs ({@code syncTimeout})
   */
  record Timeouts(Duration async, Duration sync) {}

  private final InFlightRuns inFlight;
  private final RunScheduler scheduler;
  private final RunStarter starter;
  private final WaitingLabels labels;
  private final Durability durability;
  private final DeadlineReports reports;
  private final ScheduledExecutorService timers;
  private final Timeouts timeouts;
  private final Consumer<ActiveRun> finished;

  /** {@code finished} is the dispatcher's bookkeeping once a run ended. */
  RunIntake(
      InFlightRuns inFlight,
      RunScheduler scheduler,
      RunStarter starter,
      WaitingLabels labels,
      Durability durability,
      DeadlineReports reports,
      ScheduledExecutorService timers,
      Timeouts timeouts,
      Consumer<ActiveRun> finished) {
    this.inFlight = inFlight;
    this.scheduler = scheduler;
    this.starter = starter;
    this.labels = labels;
    this.durability = durability;
    this.reports = reports;
    this.timers = timers;
    this.timeouts = timeouts;
    this.finished = finished;
  }

  /**
   * Takes a new run: with a journal, recorded on disk before this returns.
   *
   * @return null when it was started or queued; else the answer refusing it ({@code Duplicate} when
   *     the journal already holds it)
   */
  @Nullable DispatchOutcome take(ActiveRun run) {
    DispatchOutcome refused = inFlight.admit(run);
    if (refused != null) {
      return refused;
    }
    RunScheduler.Admission admission = scheduler.reserve(run, !run.route().sync(), true);
    if (admission.refusal() != null) {
      inFlight.leave(run);
      return admission.refusal();
    }
    scheduleTimeout(run); // a queued run's wait counts against its timeout
    // On disk before the answer, saying whether the handler starts now or the run waits.
    refused = durability.accept(run, !admission.queued());
    if (refused != null) {
      run.cancelTimeout();
      scheduler.cancel(run);
      inFlight.leave(run);
      return refused;
    }
    return admission.queued() ? enqueue(run, admission) : execute(run);
  }

  /**
   * Takes a run the journal held (taken before the crash, so never refused for a bound): a queued
   * one waits its turn again, in journal order, so runs with one concurrency key keep their order.
   */
  void takeRecovered(ActiveRun run) {
    inFlight.hold(run);
    RunScheduler.Admission admission = scheduler.reserve(run, true, false);
    if (admission.refusal() != null) {
      log.error("run {} could not be recovered now: {}", run.runId(), admission.refusal());
      inFlight.leave(run);
      return;
    }
    scheduleTimeout(run);
    DispatchOutcome refused = admission.queued() ? enqueue(run, admission) : execute(run);
    if (refused != null) {
      log.error("run {} could not be recovered now: {}", run.runId(), refused);
    }
  }

  /**
   * Starts no more queued runs and settles those waiting: with a journal they stay there for the
   * next start; without one each is reported FAILURE "backend shut down".
   *
   * @return the reports under way, each completing once its run's bookkeeping ran
   */
  List<CompletableFuture<Boolean>> closeQueue() {
    List<CompletableFuture<Boolean>> reported = new ArrayList<>();
    List<ActiveRun> waiting = scheduler.close();
    waiting.forEach(run -> settleWaitingAtShutdown(run, reported));
    if (!waiting.isEmpty()) {
      log.info(
          durability.journal() != null
              ? "{} queued run(s) never started stay in the journal for the next start"
              : "{} queued run(s) never started end FAILURE (no journal keeps them)",
          waiting.size());
    }
    return reported;
  }

  private void scheduleTimeout(ActiveRun run) {
    Duration own = run.route().timeout();
    Duration timeout = own != null ? own : run.route().sync() ? timeouts.sync() : timeouts.async();
    // A run queued again after a restart has spent part of it already (ADR 0239).
    long left = Math.max(0, timeout.minus(run.waitedBefore()).toNanos());
    run.timeout(timers.schedule(() -> expire(run, timeout), left, TimeUnit.NANOSECONDS));
  }

  /** Starts a run holding a handler slot; null when started, else the refusal to answer. */
  private @Nullable DispatchOutcome execute(ActiveRun run) {
    if (starter.execute(run)) {
      return null;
    }
    if (run.claim()) {
      finished.accept(run);
    }
    return inFlight.isClosed()
        ? InFlightRuns.shuttingDown(run.runId())
        : DispatchOutcome.saturated(
            "the handler executor refused run " + run.runId() + ": run the action again later");
  }

  /** Queues a durably accepted run; it is answered as accepted (202) whatever happens next. */
  private @Nullable DispatchOutcome enqueue(ActiveRun run, RunScheduler.Admission admission) {
    run.markQueued();
    if (admission.label() != null) {
      labels.queued(run, admission.label()); // before the commit, which may start it at once
    }
    if (!scheduler.commit(run)) {
      settleWaitingAtShutdown(run, new ArrayList<>()); // the shutdown began meanwhile
    }
    return null;
  }

  /**
   * A run that waited and never started, at shutdown: with a journal it stays there, queued for the
   * next start; without one it ends FAILURE "backend shut down" like a running one.
   */
  private void settleWaitingAtShutdown(ActiveRun run, List<CompletableFuture<Boolean>> reported) {
    if (!run.claim()) {
      return;
    }
    if (durability.journal() != null) {
      run.cancelTimeout();
      inFlight.leave(run); // not finished in the journal: the next start queues it again
    } else {
      reported.add(
          reports.submit(run, Ending.shutdown(), "queued at shutdown", () -> finished.accept(run)));
    }
  }

  /** On the timeout thread: claim, interrupt and hand the report over, never report here. */
  private void expire(ActiveRun run, Duration timeout) {
    if (run.claim()) {
      String waitedFor = scheduler.withdraw(run);
      run.interrupt();
      reports.submit(
          run,
          waitedFor == null ? Ending.timeout(timeout) : Ending.waitedTooLong(timeout, waitedFor),
          (waitedFor == null ? "timed out after " : "waited past its timeout of ")
              + Ending.human(timeout),
          () -> finished.accept(run));
    }
  }
}
