package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunDetailsLoader;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SecretDecryptor;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.run.RunContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
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
 * <p><b>Asynchronous actions</b> ({@link Builder#handle}, Port's default): the webhook is answered
 * 202 at once and the handler runs on an executor; its return means SUCCESS (unless it ended the
 * run itself), an exception FAILURE with the exception as the summary, running past {@code
 * runTimeout} FAILURE saying so. All of it is reported through Port's API. <b>Synchronized
 * actions</b> ({@link Builder#sync}): the answer waits for the handler and carries the result (200
 * success; 422 the handler failed the run, 500 it threw, 504 timeout, 503 shutdown); the run's
 * status is never PATCHed. An action without a handler is reported FAILURE ("no handler for action
 * X") and answered 404.
 *
 * <p>At most {@code maxInFlight} runs execute at once; beyond that a run is accepted into a queue
 * of at most {@code maxQueued} (10,000 with a journal, which records it as not started; none
 * without one) and started in arrival order as handlers end; only a full queue is answered 503.
 * Runs whose handler declares a {@link HandlerOptions#concurrencyKey concurrency key} run one at a
 * time per key, in arrival order. A run id seen recently (bounded, time-limited memory) is answered
 * 200 as a duplicate and not executed again. {@link #close()} stops taking runs, lets those in
 * flight finish until {@code shutdownGrace}, then reports each unfinished one FAILURE with the
 * label {@code "backend shut down"}; {@link #installShutdownHook()} does that when the JVM exits.
 *
 * <p>With a {@link Builder#journal journal}, each run is recorded on disk before it is
 * acknowledged, and {@link Builder#build()} ends (or, for {@link HandlerOptions#resumable()
 * resumable} handlers, runs again) the runs a crashed process left unfinished, reporting FAILURE
 * with the label {@code "backend restarted"}; see {@link io.portkit.backend.journal.RunJournal}.
 *
 * <p>Thread-safe. Reporting never fails silently: when Port does not take a final status, an ERROR
 * log names the run and what to do.
 */
public final class RunDispatcher implements InvocationDispatcher, AutoCloseable {
  /**
   * The SLF4J MDC key holding the run id on a handler's thread while it runs (and while the run's
   * ending is reported), cleared after: {@code %X{portkit.run.id}} in a log pattern.
   */
  public static final String MDC_RUN_ID = "portkit.run.id";

  /** The SLF4J MDC key holding the run's action identifier, beside {@link #MDC_RUN_ID}. */
  public static final String MDC_ACTION = "portkit.action";

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

  private final Routes routes;
  private final RunContextFactory contexts;
  private final RunDetailsLoader detailsLoader;
  private final SecretDecryptor secrets;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final ScheduledExecutorService timers;
  private final RecentRuns recent;
  private final RunReporter reporter;
  private final HandOffs handOffs;
  private final ExecutorService reportThreads;
  private final DeadlineReports reports;
  private final Durability durability;
  private final JournalRecovery recovery;
  private final Duration shutdownGrace;
  private final InFlightRuns inFlight;
  private final int maxInFlight;
  private final int maxQueued;
  private final RunScheduler scheduler;
  private final WaitingLabels labels;
  private final RunIntake intake;
  private final RunListener listener;
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final AtomicReference<Thread> hook = new AtomicReference<>();

  RunDispatcher(Builder b) {
    this.routes = new Routes(b.routes, b.nodeRoutes, b.fallback);
    this.contexts = b.contexts;
    this.detailsLoader = b.detailsLoader;
    this.secrets = b.secrets == null ? SecretDecryptor.builder().build() : b.secrets;
    // The scheduler bounds runs executing and waiting; this only tracks them, for the shutdown.
    this.inFlight = new InFlightRuns(Integer.MAX_VALUE);
    this.maxInFlight = b.maxInFlight;
    this.maxQueued = QueueBounds.maxQueued(b.maxQueued, b.journal);
    this.listener = RunListeners.of(b.listeners);
    this.shutdownGrace = b.shutdownGrace;
    this.recent = new RecentRuns(b.rememberRuns, b.rememberFor, b.clock);
    this.durability = new Durability(b.journal, b.clock);
    this.recovery = new JournalRecovery(routes, b.contexts, this::prepare, b.clock);
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
    this.handOffs = new HandOffs(b.contexts, b.journal, b.port, b.clock, t);
    this.reporter = new RunReporter(handOffs);
    this.reportThreads = HandlerExecutors.reports(b.maxInFlight);
    this.reports = new DeadlineReports(reporter, reportThreads, timers, b.reportTimeout);
    this.labels = new WaitingLabels(b.queueLabels);
    RunStarter starter =
        new RunStarter(
            executor, durability, labels, reporter, reports, this::finished, inFlight::isClosed);
    this.scheduler = new RunScheduler(maxInFlight, maxQueued, starter::launch);
    handOffs.keys(scheduler); // a handed-off run keeps its concurrency key (ADR 0238)
    handOffs.listener(listener); // and is counted when its hand-off ends
    this.intake =
        new RunIntake(
            inFlight,
            scheduler,
            starter,
            labels,
            durability,
            reports,
            timers,
            new RunIntake.Timeouts(b.runTimeout, b.syncTimeout),
            this::finished);
  }

  /** Returns a builder; a client (or a context factory) and at least one handler are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a verified run: answers a duplicate, saturation or shutdown at once, starts the handler,
   * and for a synchronized action waits for its result. Never throws for a run it cannot take; the
   * answer says why.
   *
   * <p>With a {@link Builder#journal journal}, {@link DispatchOutcome.Accepted} is returned only
   * after the run was recorded and forced to disk: from then on a crash cannot lose it (the next
   * start ends or resumes it), so a caller may acknowledge the delivery upstream (answer 202,
   * commit a queue offset). {@link DispatchOutcome.Duplicate} means it was recorded earlier. A run
   * refused with {@code Saturated} or {@code Rejected} is not in the journal (a {@code 503
   * journal_unavailable} says the journal could not be written).
   */
  @Override
  public DispatchOutcome dispatch(RunInvocation invocation) {
    Objects.requireNonNull(invocation, "invocation == null");
    DispatchOutcome outcome = take(invocation);
    IntakeRejection rejection = rejection(outcome);
    if (rejection != null) {
      listener.intakeRejected(rejection);
    }
    return outcome;
  }

  /** Returns the intake rejection {@code outcome} means, or null when the run was taken. */
  private static @Nullable IntakeRejection rejection(DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.Duplicate) {
      return IntakeRejection.DUPLICATE;
    }
    if (outcome instanceof DispatchOutcome.Saturated) {
      return IntakeRejection.CAPACITY;
    }
    if (outcome instanceof DispatchOutcome.Rejected r) {
      return switch (r.reason()) {
        case SHUTTING_DOWN -> IntakeRejection.SHUTTING_DOWN;
        case JOURNAL_UNAVAILABLE -> IntakeRejection.JOURNAL;
        case ROUTING_FAILED -> IntakeRejection.ROUTING;
        case UNKNOWN_RUN -> IntakeRejection.UNKNOWN_RUN;
        case NO_HANDLER, INTERRUPTED -> null; // the run was taken and ended FAILURE
      };
    }
    return null;
  }

  private DispatchOutcome take(RunInvocation invocation) {
    RunInvocation run = prepare(invocation);
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
      return Routes.refusal(runId, e);
    }
    RunContext.Mode mode = route.sync() ? RunContext.Mode.SYNCHRONIZED : RunContext.Mode.ASYNC;
    ActiveRun active = ActiveRun.of(run, route, contexts.create(runId, mode));
    DispatchOutcome refused = intake.take(active);
    if (refused instanceof DispatchOutcome.Duplicate) {
      return refused; // recorded by an earlier delivery: stays remembered
    }
    if (refused != null) {
      recent.forget(runId);
      return refused;
    }
    if (route.refusal() != null) {
      return DispatchOutcome.rejected(DispatchOutcome.Reason.NO_HANDLER, route.refusal().summary());
    }
    return route.sync() ? awaitAnswer(active) : DispatchOutcome.accepted();
  }

  private RunInvocation prepare(RunInvocation invocation) {
    RunInvocation run =
        detailsLoader == null ? invocation : invocation.withDetailsLoader(detailsLoader);
    return run.withSecrets(secrets);
  }

  /**
   * Whether runs are recorded durably: true when a journal is configured, so {@link
   * DispatchOutcome.Accepted} from {@link #dispatch} means the run survives a crash.
   */
  public boolean isDurable() {
    return durability.journal() != null;
  }

  /**
   * Returns the runs handlers handed off ({@link RunContext#handOff}) and the way to complete them;
   * see {@link HandOffs}.
   */
  public HandOffs handOffs() {
    return handOffs;
  }

  /** Returns how many runs hold a handler slot now: executing, or being reported. */
  public int inFlight() {
    return scheduler.executing();
  }

  /** Returns the limit on runs in flight ({@link Builder#maxInFlight(int)}). */
  public int maxInFlight() {
    return maxInFlight;
  }

  /**
   * Returns how many accepted runs wait now, for a handler slot or for an earlier run with their
   * concurrency key.
   */
  public int queued() {
    return scheduler.queued();
  }

  /** Returns the limit on runs waiting ({@link Builder#maxQueued(int)}). */
  public int maxQueued() {
    return maxQueued;
  }

  /** Returns whether {@link #close()} or {@link #shutdown(Duration)} was called. */
  public boolean isShutDown() {
    return shutdownStarted.get();
  }

  /**
   * Waits until no run is in flight or queued (each handler ended and its result was reported), at
   * most {@code timeout}. Runs may start again right after; useful to drain in tests and before
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
    List<CompletableFuture<Boolean>> reported = new ArrayList<>(intake.closeQueue());
    boolean clean = inFlight.awaitEmpty(grace);
    // Every run left is reported at once, each on its own thread and within the report deadline,
    // rather than one after another.
    for (ActiveRun run : inFlight.snapshot()) {
      if (run.claim()) {
        run.interrupt();
        reported.add(
            reports.submit(run, Ending.shutdown(), "interrupted by shutdown", () -> finished(run)));
      }
    }
    awaitReports(reported);
    inFlight.awaitEmpty(reports.deadline()); // reports that handlers' own threads had begun
    handOffs.close(durability.journal() != null);
    labels.close();
    timers.shutdownNow();
    reportThreads.shutdownNow();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    removeShutdownHook();
    durability.close();
    log.info("dispatcher shut down; {} run(s) failed for the shutdown", reported.size());
    return clean;
  }

  private void awaitReports(List<CompletableFuture<Boolean>> reported) {
    try {
      // Each report is cut at the deadline; the margin covers the bookkeeping after it.
      CompletableFuture.allOf(reported.toArray(CompletableFuture[]::new))
          .get(reports.deadline().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      log.error("reports at shutdown did not all finish: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Registers a JVM shutdown hook that calls {@link #close()}, so SIGTERM ends every run in flight
   * instead of leaving it IN_PROGRESS. Idempotent; {@link #close()} removes it.
   *
   * @return the hook thread
   */
  public Thread installShutdownHook() {
    Thread mine = new Thread(this::close, "portkit-dispatcher-shutdown");
    if (hook.compareAndSet(null, mine)) {
      Runtime.getRuntime().addShutdownHook(mine);
      return mine;
    }
    return hook.get();
  }

  private void removeShutdownHook() {
    Thread t = hook.get();
    if (t != null && Thread.currentThread() != t) {
      try {
        Runtime.getRuntime().removeShutdownHook(t);
      } catch (IllegalStateException e) {
        log.debug("JVM already shutting down; the hook will find the dispatcher closed");
      }
    }
  }

  void recover() {
    if (durability.journal() != null) {
      handOffs.restore(durability.journal().handedOff());
      recovery.recover(durability.journal(), this::startRecovered);
    }
  }

  private void startRecovered(ActiveRun run) {
    run.markRecovered();
    recent.remember(run.runId());
    intake.takeRecovered(run);
  }

  private void finished(ActiveRun run) {
    run.cancelTimeout();
    durability.finished(run);
    EndedRun ended = run.ended();
    if (ended != null) {
      listener.runEnded(ended); // before leaving: awaitIdle() then implies the listeners heard it
    }
    scheduler.settle(run); // frees its slot and key: the next queued run starts
    inFlight.leave(run);
  }

  private DispatchOutcome awaitAnswer(ActiveRun run) {
    try {
      // Bounded: the timeout and the shutdown both complete the answer.
      return run.answer().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DispatchOutcome.rejected(
          DispatchOutcome.Reason.INTERRUPTED,
          "the receiver stopped while run " + run.runId() + " was running");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the answer of run " + run.runId() + " failed", e);
    }
  }

  /**
   * Configures a {@link RunDispatcher}. Not thread-safe. Required: {@link #client(PortClient)} (or
   * {@link #contexts(RunContextFactory)}) and at least one handler.
   */
  public static final class Builder {
    /** Default limit on runs executing at once. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    /** Default limit on runs waiting with a journal: a burst of thousands queues. */
    public static final int DEFAULT_MAX_QUEUED_WITH_JOURNAL = 10_000;

    /** Default limit on runs waiting without a journal: none, a crash would lose them silently. */
    public static final int DEFAULT_MAX_QUEUED_WITHOUT_JOURNAL = 0;

    /** Default time an asynchronous run may take before it is failed. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

    /**
     * Default time a synchronized run may take: under the 30 s Port's execution agent waits for an
     * answer, so the answer still arrives.
     */
    public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(25);

    /** Default time {@link RunDispatcher#close()} lets runs in flight finish. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    /**
     * Default time one report the dispatcher makes itself (a timeout, a shutdown) may take, retries
     * included, before it is given up and logged for a fix by hand.
     */
    public static final Duration DEFAULT_REPORT_TIMEOUT = Duration.ofSeconds(10);

    /** Default number of run ids remembered to drop duplicate deliveries. */
    public static final int DEFAULT_REMEMBER_RUNS = 10_000;

    /** Default time a run id is remembered to drop duplicate deliveries. */
    public static final Duration DEFAULT_REMEMBER_FOR = Duration.ofHours(1);

    final Map<String, Route> routes = new LinkedHashMap<>();
    final Map<String, Route> nodeRoutes = new LinkedHashMap<>();
    Route fallback;
    PortClient port;
    RunJournal journal;
    RunContextFactory contexts;
    RunDetailsLoader detailsLoader;
    SecretDecryptor secrets;
    Executor executor;
    int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    Integer maxQueued;
    boolean queueLabels = true;
    Duration runTimeout = DEFAULT_RUN_TIMEOUT;
    Duration syncTimeout = DEFAULT_SYNC_TIMEOUT;
    Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    Duration reportTimeout = DEFAULT_REPORT_TIMEOUT;
    int rememberRuns = DEFAULT_REMEMBER_RUNS;
    Duration rememberFor = DEFAULT_REMEMBER_FOR;
    Clock clock = Clock.systemUTC();
    final List<RunListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a listener told of every run that ended and every delivery refused (for metrics); may be
     * called more than once. What a listener throws is logged and ignored.
     */
    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Reports through {@code port}: sets {@link #contexts(RunContextFactory)} to {@code
     * port::runContext} and {@link #detailsLoader(RunDetailsLoader)} to {@code GET
     * /v1/actions/runs/{id}}, so {@link io.portkit.backend.invocation.RunInvocation#details()}
     * works for minimal webhooks; {@link HandOffs} also finds runs in Port through it. Either one
     * already set explicitly is kept (a wrapping context factory, for example, also through {@code
     * PortBackend.Builder.dispatcher(...)}).
     */
    public Builder client(PortClient port) {
      Objects.requireNonNull(port, "port == null");
      this.port = port;
      if (contexts == null) {
        this.contexts = port::runContext;
      }
      if (detailsLoader == null) {
        this.detailsLoader =
            runId -> {
              if (WorkflowNodes.isNodeRunId(runId)) {
                throw new IllegalStateException(
                    "workflow node run "
                        + runId
                        + ": Port has no route that reads one node run; the node's webhook body"
                        + " carries what the handler needs");
              }
              return port.runs().get(runId).raw();
            };
      }
      return this;
    }

    /** Sets how run contexts are made; {@link #client(PortClient)} sets it for you. */
    public Builder contexts(RunContextFactory contexts) {
      this.contexts = Objects.requireNonNull(contexts, "contexts == null");
      return this;
    }

    /** Sets how run details are fetched; {@link #client(PortClient)} sets it for you. */
    public Builder detailsLoader(RunDetailsLoader detailsLoader) {
      this.detailsLoader = Objects.requireNonNull(detailsLoader, "detailsLoader == null");
      return this;
    }

    /**
     * Sets how secret inputs are decrypted ({@link RunInvocation#secret(String)}, {@link
     * io.portkit.backend.invocation.SecretValue} components of typed inputs). {@code
     * PortBackend.Builder} sets it from the credentials; default: no key, so a secret input fails
     * its run with a summary saying so.
     */
    public Builder secrets(SecretDecryptor secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets == null");
      return this;
    }

    /**
     * Runs {@code handler} for the automation {@code automationId}, asynchronously: the run an
     * automation's event started, routed by the automation's identifier like an action's, with the
     * same context, final-status rules, duplicate memory and journal.
     *
     * @throws IllegalArgumentException if {@code automationId} is blank or already has a handler
     */
    public Builder automation(String automationId, AutomationHandler handler) {
      return automation(automationId, handler, HandlerOptions.defaults());
    }

    /**
     * Runs {@code handler} for the automation {@code automationId} with {@code options}.
     *
     * @throws IllegalArgumentException if {@code automationId} is blank or already has a handler
     */
    public Builder automation(
        String automationId, AutomationHandler handler, HandlerOptions options) {
      Objects.requireNonNull(handler, "handler == null");
      return handle(automationId, AutomationHandler.asRunHandler(automationId, handler), options);
    }

    /**
     * Runs {@code handler} for the runs of workflow node {@code nodeIdentifier} (Port Workflows,
     * beta), synchronized as webhook nodes are by default: the answer waits for the handler and
     * carries its return value as the node's output. A node run ({@code wfnr_...}) is routed by
     * {@code port_context.node} in its body (else the action identifier the body names).
     *
     * @throws IllegalArgumentException if {@code nodeIdentifier} is blank or already has a handler
     */
    public Builder workflowNode(String nodeIdentifier, WorkflowNodeHandler handler) {
      return workflowNode(nodeIdentifier, handler, HandlerOptions.synchronous());
    }

    /**
     * Runs {@code handler} for workflow node {@code nodeIdentifier} with {@code options}: {@code
     * HandlerOptions.defaults()} for a node with {@code "synchronized": false}, whose result goes
     * through {@code PATCH /v1/workflows/nodes/runs/{id}} (and over Kafka, always).
     *
     * @throws IllegalArgumentException if {@code nodeIdentifier} is blank or already has a handler
     */
    public Builder workflowNode(
        String nodeIdentifier, WorkflowNodeHandler handler, HandlerOptions options) {
      Objects.requireNonNull(nodeIdentifier, "nodeIdentifier == null");
      Objects.requireNonNull(handler, "handler == null");
      Objects.requireNonNull(options, "options == null");
      if (nodeIdentifier.isBlank()) {
        throw new IllegalArgumentException("nodeIdentifier is blank: pass the node's identifier");
      }
      if (nodeRoutes.containsKey(nodeIdentifier)) {
        throw new IllegalArgumentException(
            "workflow node " + nodeIdentifier + " already has a handler: register each node once");
      }
      nodeRoutes.put(
          nodeIdentifier,
          Route.of(
              WorkflowNodes.ROUTE_PREFIX + nodeIdentifier,
              WorkflowNodeHandler.asRunHandler(nodeIdentifier, handler),
              options));
      return this;
    }

    /**
     * Runs {@code handler} for the asynchronous action {@code actionId}: answered at once, result
     * reported through Port's API.
     *
     * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
     */
    public Builder handle(String actionId, RunHandler handler) {
      return handle(actionId, handler, HandlerOptions.defaults());
    }

    /**
     * Runs {@code handler} for {@code actionId} with {@code options}: synchronized, resumable, its
     * own timeout.
     *
     * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
     */
    public Builder handle(String actionId, RunHandler handler, HandlerOptions options) {
      Objects.requireNonNull(actionId, "actionId == null");
      Objects.requireNonNull(handler, "handler == null");
      Objects.requireNonNull(options, "options == null");
      if (actionId.isBlank()) {
        throw new IllegalArgumentException("actionId is blank: pass the action's identifier");
      }
      if (routes.containsKey(actionId)) {
        throw new IllegalArgumentException(
            "action " + actionId + " already has a handler: register each action once");
      }
      routes.put(actionId, Route.of(actionId, handler, options));
      return this;
    }

    /**
     * Runs {@code handler} for the asynchronous action {@code actionId} with its inputs bound to
     * {@code inputsType}; see {@link TypedRunHandler}.
     *
     * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
     */
    public <T> Builder handle(String actionId, Class<T> inputsType, TypedRunHandler<T> handler) {
      return handle(actionId, inputsType, handler, HandlerOptions.defaults());
    }

    /**
     * Runs {@code handler} for {@code actionId} with its inputs bound to {@code inputsType}, with
     * {@code options}.
     *
     * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
     */
    public <T> Builder handle(
        String actionId, Class<T> inputsType, TypedRunHandler<T> handler, HandlerOptions options) {
      Objects.requireNonNull(inputsType, "inputsType == null");
      Objects.requireNonNull(handler, "handler == null");
      return handle(
          actionId, (run, ctx) -> handler.handle(run.inputs(inputsType), run, ctx), options);
    }

    /**
     * Runs {@code handler} for the synchronized action ({@code "synchronized": true}) {@code
     * actionId}: the same as {@code handle(actionId, handler, HandlerOptions.synchronous())}.
     *
     * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
     */
    public Builder sync(String actionId, RunHandler handler) {
      return handle(actionId, handler, HandlerOptions.synchronous());
    }

    /** Runs {@code handler}, asynchronously, for every action without its own handler. */
    public Builder defaultHandler(RunHandler handler) {
      return defaultHandler(handler, HandlerOptions.defaults());
    }

    /** Runs {@code handler} with {@code options} for every action without its own handler. */
    public Builder defaultHandler(RunHandler handler, HandlerOptions options) {
      Objects.requireNonNull(handler, "handler == null");
      Objects.requireNonNull(options, "options == null");
      this.fallback = Route.of(Routes.DEFAULT, handler, options);
      return this;
    }

    /**
     * Records every run in {@code journal} before acknowledging it, so a crash does not leave runs
     * IN_PROGRESS: {@link #build()} then ends (or, for {@link HandlerOptions#resumable() resumable}
     * handlers, runs again) each run the journal holds as unfinished, and a run id already in the
     * journal is refused as a duplicate. The dispatcher closes the journal when it shuts down.
     * Default: no journal.
     */
    public Builder journal(RunJournal journal) {
      this.journal = Objects.requireNonNull(journal, "journal == null");
      return this;
    }

    /**
     * Sets the limit on runs accepted and waiting for a handler slot (or for an earlier run with
     * their concurrency key): beyond {@code maxInFlight} executing, a run is queued, recorded in
     * the journal as not started and answered 202, then started in arrival order as handlers end;
     * only a full queue is answered 503 {@code saturated}. Synchronized runs are never queued.
     * Default {@value #DEFAULT_MAX_QUEUED_WITH_JOURNAL} with a {@link #journal journal}, which
     * keeps the queue across a crash; {@value #DEFAULT_MAX_QUEUED_WITHOUT_JOURNAL} without one,
     * since a crash would leave every queued run IN_PROGRESS in Port, where a 503 fails it at once
     * (see {@code docs/scaling.md}). About 2 KiB of heap per queued run plus its webhook body.
     *
     * @throws IllegalArgumentException if {@code maxQueued} is negative
     */
    public Builder maxQueued(int maxQueued) {
      if (maxQueued < 0) {
        throw new IllegalArgumentException("maxQueued must not be negative, got " + maxQueued);
      }
      this.maxQueued = maxQueued;
      return this;
    }

    /**
     * Sets whether a queued run shows why it waits: one status-label PATCH when it is queued
     * ({@code "queued, 37 ahead"}, {@code "waiting for r_... (same concurrency key: K)"}) and one
     * when it starts ({@code "started after waiting 12 s"}), none if it started before the first
     * was sent. Default true; false spends no API calls on waiting runs.
     */
    public Builder queueLabels(boolean queueLabels) {
      this.queueLabels = queueLabels;
      return this;
    }

    /**
     * Sets the limit on runs executing at once; beyond it runs queue ({@link #maxQueued}). Default
     * 64.
     */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /** Sets how long an asynchronous run may take before it is failed; default 30 minutes. */
    public Builder runTimeout(Duration runTimeout) {
      this.runTimeout = positive(runTimeout, "runTimeout");
      return this;
    }

    /** Sets how long a synchronized run may take before it is answered 504; default 25 s. */
    public Builder syncTimeout(Duration syncTimeout) {
      this.syncTimeout = positive(syncTimeout, "syncTimeout");
      return this;
    }

    /** Sets how long {@link RunDispatcher#close()} lets runs finish; default 30 s. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
      if (shutdownGrace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace is negative: " + shutdownGrace);
      }
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /**
     * Sets how long one report the dispatcher makes itself may take: the FAILURE of a run that
     * timed out, or of one still running at shutdown. Each goes out on its own thread (never on the
     * timeout thread, and at shutdown all at once), and one still running at this deadline is
     * interrupted and logged at ERROR with the PATCH to send by hand. Default 10 s; {@link
     * RunDispatcher#close()} takes at most {@code shutdownGrace} plus this.
     */
    public Builder reportTimeout(Duration reportTimeout) {
      this.reportTimeout = positive(reportTimeout, "reportTimeout");
      return this;
    }

    /**
     * Sets the duplicate memory: up to {@code maxRuns} run ids, each for {@code ttl}. Defaults
     * 10,000 and 1 hour.
     */
    public Builder rememberRuns(int maxRuns, Duration ttl) {
      if (maxRuns < 1) {
        throw new IllegalArgumentException("maxRuns must be positive, got " + maxRuns);
      }
      this.rememberRuns = maxRuns;
      this.rememberFor = positive(ttl, "ttl");
      return this;
    }

    /**
     * Sets the clock of the duplicate memory and of hand-off deadlines; default the system clock
     * (UTC).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the executor handlers run on; the caller owns and shuts it down. Default: virtual
     * threads on Java 21+, a pool of {@code maxInFlight} daemon threads on 17, owned by the
     * dispatcher.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Builds the dispatcher and, with a {@link #journal(RunJournal)}, starts recovering the runs it
     * holds as unfinished (asynchronously: this does not wait for Port).
     *
     * @throws IllegalStateException if no client or context factory, or no handler, was set, or a
     *     handler declares a concurrency key while no run may wait (no journal and no {@link
     *     #maxQueued})
     */
    public RunDispatcher build() {
      if (contexts == null) {
        throw new IllegalStateException(
            "client required: call client(PortClient) so handlers can report to Port");
      }
      if (routes.isEmpty() && nodeRoutes.isEmpty() && fallback == null) {
        throw new IllegalStateException(
            "no handlers: call handle(actionId, handler), sync(actionId, handler) or"
                + " defaultHandler(handler)");
      }
      List<Route> all = new ArrayList<>(routes.values());
      all.addAll(nodeRoutes.values());
      if (fallback != null) {
        all.add(fallback);
      }
      QueueBounds.requireQueueForKeys(all, QueueBounds.maxQueued(maxQueued, journal));
      RunDispatcher dispatcher = new RunDispatcher(this);
      dispatcher.recover();
      return dispatcher;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
