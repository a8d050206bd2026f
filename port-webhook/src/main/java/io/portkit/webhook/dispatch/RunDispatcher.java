package io.portkit.webhook.dispatch;

import io.portkit.client.run.RunContext;
import io.portkit.webhook.RunDetailsLoader;
import io.portkit.webhook.RunInvocation;
import io.portkit.webhook.http.DispatchOutcome;
import io.portkit.webhook.http.InvocationDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the backend's {@link RunHandler}s for verified webhooks, routed by action identifier, and
 * makes sure every run it takes ends with exactly one final status.
 *
 * <pre>{@code
 * RunDispatcher dispatcher = RunDispatcher.builder()
 *     .client(port)
 *     .handle("deploy", (run, ctx) -> ctx.log("deploying"))
 *     .sync("validate", (run, ctx) -> ctx.succeed("valid"))
 *     .build();
 * WebhookReceiver.builder().verifier(verifier).dispatcher(dispatcher).start();
 * }</pre>
 *
 * <p><b>Asynchronous actions</b> ({@link RunDispatcherBuilder#handle}, Port's default): the webhook
 * is answered 202 at once and the handler runs on an executor; its return means SUCCESS (unless it
 * ended the run itself), an exception FAILURE with the exception as the summary, running past
 * {@code runTimeout} FAILURE saying so. All of it is reported through Port's API. <b>Synchronized
 * actions</b> ({@link RunDispatcherBuilder#sync}): the answer waits for the handler and carries the
 * result (200 success; 422 the handler failed the run, 500 it threw, 504 timeout, 503 shutdown);
 * the run's status is never PATCHed. An action without a handler is reported FAILURE ("no handler
 * for action X") and answered 404.
 *
 * <p>At most {@code maxInFlight} runs execute at once; beyond that deliveries are answered 503 and
 * nothing starts. A run id seen recently (bounded, time-limited memory) is answered 200 as a
 * duplicate and not executed again. {@link #close()} stops taking runs, lets those in flight finish
 * until {@code shutdownGrace}, then reports each unfinished one FAILURE with the label {@code
 * "backend shut down"}; {@link #installShutdownHook()} does that when the JVM exits.
 *
 * <p>With a {@link RunDispatcherBuilder#journal journal}, each run is recorded on disk before it is
 * acknowledged, and {@link RunDispatcherBuilder#build()} ends (or, for {@link
 * RunDispatcherBuilder#resumable() resumable} handlers, runs again) the runs a crashed process left
 * unfinished, reporting FAILURE with the label {@code "backend restarted"}; see {@link
 * io.portkit.webhook.journal.RunJournal}.
 *
 * <p>Thread-safe. Reporting never fails silently: when Port does not take a final status, an ERROR
 * log names the run and what to do.
 */
public final class RunDispatcher implements InvocationDispatcher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

  /** How long {@link #close()} waits, after failing the runs left, for reports in progress. */
  private static final Duration REPORT_GRACE = Duration.ofSeconds(10);

  private final Routes routes;
  private final RunContextFactory contexts;
  private final RunDetailsLoader detailsLoader;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final ScheduledExecutorService timers;
  private final RecentRuns recent;
  private final RunReporter reporter = new RunReporter();
  private final Durability durability;
  private final JournalRecovery recovery;
  private final Duration runTimeout;
  private final Duration syncTimeout;
  private final Duration shutdownGrace;
  private final InFlightRuns inFlight;
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private Thread hook; // guarded by this

  RunDispatcher(RunDispatcherBuilder b) {
    this.routes = new Routes(b.routes, b.fallback);
    this.contexts = b.contexts;
    this.detailsLoader = b.detailsLoader;
    this.inFlight = new InFlightRuns(b.maxInFlight);
    this.runTimeout = b.runTimeout;
    this.syncTimeout = b.syncTimeout;
    this.shutdownGrace = b.shutdownGrace;
    this.recent = new RecentRuns(b.rememberRuns, b.rememberFor, b.clock);
    this.durability = new Durability(b.journal);
    this.recovery = new JournalRecovery(routes, b.contexts, b.detailsLoader);
    this.ownedExecutor = b.executor == null ? HandlerExecutors.create(b.maxInFlight) : null;
    this.executor = b.executor != null ? b.executor : ownedExecutor;
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "portkit-run-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    t.setRemoveOnCancelPolicy(true);
    this.timers = t;
  }

  /** Returns a builder; a client (or a context factory) and at least one handler are required. */
  public static RunDispatcherBuilder builder() {
    return new RunDispatcherBuilder();
  }

  /**
   * Takes a verified run: answers a duplicate, saturation or shutdown at once, starts the handler,
   * and for a synchronized action waits for its result. Never throws for a run it cannot take; the
   * answer says why.
   *
   * <p>With a {@link RunDispatcherBuilder#journal journal}, {@link DispatchOutcome.Accepted} is
   * returned only after the run was recorded and forced to disk: from then on a crash cannot lose
   * it (the next start ends or resumes it), so a caller may acknowledge the delivery upstream
   * (answer 202, commit a queue offset). {@link DispatchOutcome.Duplicate} means it was recorded
   * earlier. A run refused with {@code Saturated} or {@code Rejected} is not in the journal (a
   * {@code 503 journal_unavailable} says the journal could not be written).
   */
  @Override
  public DispatchOutcome dispatch(RunInvocation invocation) {
    Objects.requireNonNull(invocation, "invocation == null");
    RunInvocation run =
        detailsLoader == null ? invocation : invocation.withDetailsLoader(detailsLoader);
    String runId = run.runId();
    if (inFlight.isClosed()) {
      return InFlightRuns.shuttingDown(runId);
    }
    if (!recent.remember(runId)) {
      log.info("run {} delivered again while remembered; not executed twice", runId);
      return DispatchOutcome.duplicate();
    }
    if (durability.known(runId)) {
      log.info("run {} delivered again and is in the journal; not executed twice", runId);
      return DispatchOutcome.duplicate();
    }
    Route route;
    try {
      route = routes.resolve(run);
    } catch (RuntimeException e) {
      recent.forget(runId);
      log.warn("run {}: cannot find its action: {}", runId, e.toString());
      return DispatchOutcome.rejected(503, "routing_failed", routingFailed(runId, e));
    }
    RunContext.Mode mode = route.sync() ? RunContext.Mode.SYNCHRONIZED : RunContext.Mode.ASYNC;
    ActiveRun active = new ActiveRun(run, route, contexts.create(runId, mode));
    DispatchOutcome refused = inFlight.admit(active);
    if (refused == null) {
      refused = durability.accept(active); // on disk before the answer
      if (refused != null) {
        inFlight.leave(active);
        if (refused instanceof DispatchOutcome.Duplicate) {
          return refused;
        }
      }
    }
    if (refused == null) {
      refused = start(active);
    }
    if (refused != null) {
      recent.forget(runId);
      return refused;
    }
    if (route.refusal() != null) {
      return DispatchOutcome.rejected(404, route.refusal().error(), route.refusal().summary());
    }
    return route.sync() ? awaitAnswer(active) : DispatchOutcome.accepted();
  }

  /**
   * Whether runs are recorded durably: true when a journal is configured, so {@link
   * DispatchOutcome.Accepted} from {@link #dispatch} means the run survives a crash.
   */
  public boolean isDurable() {
    return durability.journal() != null;
  }

  /** Returns how many runs are executing or being reported now. */
  public int inFlight() {
    return inFlight.size();
  }

  /**
   * Waits until no run is in flight (each handler ended and its result was reported), at most
   * {@code timeout}. Runs may start again right after; useful to drain in tests and before
   * maintenance.
   *
   * @return true if no run was in flight when it returned, false on timeout or interruption (the
   *     interrupt flag is kept)
   */
  public boolean awaitIdle(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    return inFlight.awaitEmpty(timeout);
  }

  /** Stops taking runs and settles those in flight; see {@link #shutdown(Duration)}. */
  @Override
  public void close() {
    shutdown(shutdownGrace);
  }

  /**
   * Stops taking runs (new deliveries get 503), waits up to {@code grace} for the runs in flight to
   * finish, then interrupts the rest and reports each FAILURE with the label {@code "backend shut
   * down"} (a synchronized one is answered 503). Only the first call does anything.
   *
   * @return true if every run finished on its own within {@code grace}
   */
  public boolean shutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace == null");
    if (!shutdownStarted.compareAndSet(false, true)) {
      return false;
    }
    inFlight.close();
    boolean clean = inFlight.awaitEmpty(grace);
    List<ActiveRun> left = inFlight.snapshot();
    for (ActiveRun run : left) {
      if (run.claim()) {
        run.interrupt();
        log.warn("run {} still running at shutdown: reporting FAILURE", run.runId());
        settle(run, Ending.shutdown());
      }
    }
    inFlight.awaitEmpty(REPORT_GRACE); // reports that handlers' own threads had already begun
    timers.shutdownNow();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    removeShutdownHook();
    durability.close();
    log.info("dispatcher shut down; {} run(s) failed for the shutdown", left.size());
    return clean;
  }

  /**
   * Registers a JVM shutdown hook that calls {@link #close()}, so SIGTERM ends every run in flight
   * instead of leaving it IN_PROGRESS. Idempotent; {@link #close()} removes it.
   *
   * @return the hook thread
   */
  public synchronized Thread installShutdownHook() {
    if (hook == null) {
      hook = new Thread(this::close, "portkit-dispatcher-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }
    return hook;
  }

  private synchronized void removeShutdownHook() {
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        log.debug("JVM already shutting down; the hook will find the dispatcher closed");
      }
    }
  }

  void recover() {
    if (durability.journal() != null) {
      recovery.recover(durability.journal(), this::startRecovered);
    }
  }

  private void startRecovered(ActiveRun run) {
    recent.remember(run.runId());
    inFlight.hold(run);
    DispatchOutcome refused = start(run);
    if (refused != null) {
      log.error("run {} could not be recovered now: {}", run.runId(), refused);
    }
  }

  private DispatchOutcome start(ActiveRun run) {
    Duration timeout = run.route().sync() ? syncTimeout : runTimeout;
    try {
      run.timeout(
          timers.schedule(() -> expire(run, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS));
      executor.execute(new RunTask(run, reporter, this::finished));
      return null;
    } catch (RejectedExecutionException e) {
      if (run.claim()) {
        finished(run);
      }
      return inFlight.isClosed()
          ? InFlightRuns.shuttingDown(run.runId())
          : DispatchOutcome.saturated(
              "the handler executor refused run " + run.runId() + ": run the action again later");
    }
  }

  private void expire(ActiveRun run, Duration timeout) {
    if (run.claim()) {
      run.interrupt();
      log.warn("run {} timed out after {}: reporting FAILURE", run.runId(), Ending.human(timeout));
      settle(run, Ending.timeout(timeout));
    }
  }

  private void settle(ActiveRun run, Ending ending) {
    try {
      reporter.report(run, ending);
    } finally {
      finished(run);
    }
  }

  private void finished(ActiveRun run) {
    run.cancelTimeout();
    durability.finished(run);
    inFlight.leave(run);
  }

  private DispatchOutcome awaitAnswer(ActiveRun run) {
    try {
      // Bounded: the timeout and the shutdown both complete the answer.
      return run.answer().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DispatchOutcome.rejected(
          503, "interrupted", "the receiver stopped while run " + run.runId() + " was running");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the answer of run " + run.runId() + " failed", e);
    }
  }

  private static String routingFailed(String runId, RuntimeException e) {
    return "cannot route run "
        + runId
        + ": the body names no action and looking the run up in Port failed ("
        + e.getMessage()
        + "); add \"action\": \"{{ .action.identifier }}\" to port_context in the action's body"
        + " template, or check the Port credentials";
  }
}
