package io.portkit.webhook.dispatch;

import io.portkit.client.PortClient;
import io.portkit.webhook.RunDetailsLoader;
import io.portkit.webhook.journal.RunJournal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Configures a {@link RunDispatcher}. Not thread-safe. Required: {@link #client(PortClient)} (or
 * {@link #contexts(RunContextFactory)}) and at least one handler.
 */
public final class RunDispatcherBuilder {
  /** Default limit on runs executing at once. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  /** Default time an asynchronous run may take before it is failed. */
  public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

  /**
   * Default time a synchronized run may take: under the 30 s Port's execution agent waits for an
   * answer, so the answer still arrives.
   */
  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(25);

  /** Default time {@link RunDispatcher#close()} lets runs in flight finish. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  /** Default number of run ids remembered to drop duplicate deliveries. */
  public static final int DEFAULT_REMEMBER_RUNS = 10_000;

  /** Default time a run id is remembered to drop duplicate deliveries. */
  public static final Duration DEFAULT_REMEMBER_FOR = Duration.ofHours(1);

  final Map<String, Route> routes = new LinkedHashMap<>();
  Route fallback;
  private String lastRegistered; // the action resumable() applies to; DEFAULT for the fallback
  RunJournal journal;
  RunContextFactory contexts;
  RunDetailsLoader detailsLoader;
  Executor executor;
  int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  Duration runTimeout = DEFAULT_RUN_TIMEOUT;
  Duration syncTimeout = DEFAULT_SYNC_TIMEOUT;
  Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
  int rememberRuns = DEFAULT_REMEMBER_RUNS;
  Duration rememberFor = DEFAULT_REMEMBER_FOR;
  Clock clock = Clock.systemUTC();

  RunDispatcherBuilder() {}

  /**
   * Reports through {@code port}: sets {@link #contexts(RunContextFactory)} to {@code
   * port::runContext} and {@link #detailsLoader(RunDetailsLoader)} to {@code GET
   * /v1/actions/runs/{id}}, so {@link io.portkit.webhook.RunInvocation#details()} works for minimal
   * webhooks.
   */
  public RunDispatcherBuilder client(PortClient port) {
    Objects.requireNonNull(port, "port == null");
    this.contexts = port::runContext;
    this.detailsLoader = runId -> port.runs().get(runId).raw();
    return this;
  }

  /** Sets how run contexts are made; {@link #client(PortClient)} sets it for you. */
  public RunDispatcherBuilder contexts(RunContextFactory contexts) {
    this.contexts = Objects.requireNonNull(contexts, "contexts == null");
    return this;
  }

  /** Sets how run details are fetched; {@link #client(PortClient)} sets it for you. */
  public RunDispatcherBuilder detailsLoader(RunDetailsLoader detailsLoader) {
    this.detailsLoader = Objects.requireNonNull(detailsLoader, "detailsLoader == null");
    return this;
  }

  /**
   * Runs {@code handler} for the asynchronous action {@code actionId}: answered 202 at once, result
   * reported through Port's API.
   *
   * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
   */
  public RunDispatcherBuilder handle(String actionId, RunHandler handler) {
    return route(actionId, handler, false);
  }

  /**
   * Runs {@code handler} for the synchronized action ({@code "synchronized": true}) {@code
   * actionId}: the webhook answer waits for it and carries the result; the status is never PATCHed,
   * since Port refuses that for synchronized runs.
   *
   * @throws IllegalArgumentException if {@code actionId} is blank or already has a handler
   */
  public RunDispatcherBuilder sync(String actionId, RunHandler handler) {
    return route(actionId, handler, true);
  }

  /** Runs {@code handler}, asynchronously, for every action without its own handler. */
  public RunDispatcherBuilder defaultHandler(RunHandler handler) {
    Objects.requireNonNull(handler, "handler == null");
    this.fallback = Route.of(Routes.DEFAULT, handler, false);
    this.lastRegistered = Routes.DEFAULT;
    return this;
  }

  /**
   * Declares the handler registered just before (with {@link #handle} or {@link #defaultHandler})
   * safe to run again from the start: a run that a crash left unfinished is then run again when the
   * dispatcher is built, instead of being reported FAILURE with the label {@code "backend
   * restarted"}. Only meaningful with a {@link #journal(RunJournal)}. Declare it only for handlers
   * whose work is idempotent.
   *
   * <pre>{@code
   * builder.handle("deploy", deploy).resumable()
   * }</pre>
   *
   * @throws IllegalStateException if no handler was registered yet, or the last one is a {@link
   *     #sync} handler (its answer went to a connection that no longer exists)
   */
  public RunDispatcherBuilder resumable() {
    if (lastRegistered == null) {
      throw new IllegalStateException(
          "resumable() applies to the handler registered just before it: call handle(actionId,"
              + " handler) or defaultHandler(handler) first");
    }
    if (Routes.DEFAULT.equals(lastRegistered)) {
      fallback = fallback.asResumable();
      return this;
    }
    Route route = routes.get(lastRegistered);
    if (route.sync()) {
      throw new IllegalStateException(
          "action "
              + lastRegistered
              + " is synchronized and cannot be resumed after a restart:"
              + " its answer was owed to a connection that is gone; remove resumable()");
    }
    routes.put(lastRegistered, route.asResumable());
    return this;
  }

  /**
   * Records every run in {@code journal} before acknowledging it, so a crash does not leave runs
   * IN_PROGRESS: {@link #build()} then ends (or, for {@link #resumable()} handlers, runs again)
   * each run the journal holds as unfinished, and a run id already in the journal is refused as a
   * duplicate. The dispatcher closes the journal when it shuts down. Default: no journal.
   */
  public RunDispatcherBuilder journal(RunJournal journal) {
    this.journal = Objects.requireNonNull(journal, "journal == null");
    return this;
  }

  /** Sets the limit on runs executing at once; beyond it deliveries get 503. Default 64. */
  public RunDispatcherBuilder maxInFlight(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    return this;
  }

  /** Sets how long an asynchronous run may take before it is failed; default 30 minutes. */
  public RunDispatcherBuilder runTimeout(Duration runTimeout) {
    this.runTimeout = positive(runTimeout, "runTimeout");
    return this;
  }

  /** Sets how long a synchronized run may take before it is answered 504; default 25 s. */
  public RunDispatcherBuilder syncTimeout(Duration syncTimeout) {
    this.syncTimeout = positive(syncTimeout, "syncTimeout");
    return this;
  }

  /** Sets how long {@link RunDispatcher#close()} lets runs finish; default 30 s. */
  public RunDispatcherBuilder shutdownGrace(Duration shutdownGrace) {
    Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdownGrace is negative: " + shutdownGrace);
    }
    this.shutdownGrace = shutdownGrace;
    return this;
  }

  /**
   * Sets the duplicate memory: up to {@code maxRuns} run ids, each for {@code ttl}. Defaults 10,000
   * and 1 hour.
   */
  public RunDispatcherBuilder rememberRuns(int maxRuns, Duration ttl) {
    if (maxRuns < 1) {
      throw new IllegalArgumentException("maxRuns must be positive, got " + maxRuns);
    }
    this.rememberRuns = maxRuns;
    this.rememberFor = positive(ttl, "ttl");
    return this;
  }

  /** Sets the clock of the duplicate memory; default the system clock (UTC). */
  public RunDispatcherBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /**
   * Sets the executor handlers run on; the caller owns and shuts it down. Default: virtual threads
   * on Java 21+, a pool of {@code maxInFlight} daemon threads on 17, owned by the dispatcher.
   */
  public RunDispatcherBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor == null");
    return this;
  }

  /**
   * Builds the dispatcher and, with a {@link #journal(RunJournal)}, starts recovering the runs it
   * holds as unfinished (asynchronously: this does not wait for Port).
   *
   * @throws IllegalStateException if no client or context factory, or no handler, was set
   */
  public RunDispatcher build() {
    if (contexts == null) {
      throw new IllegalStateException(
          "client required: call client(PortClient) so handlers can report to Port");
    }
    if (routes.isEmpty() && fallback == null) {
      throw new IllegalStateException(
          "no handlers: call handle(actionId, handler), sync(actionId, handler) or"
              + " defaultHandler(handler)");
    }
    RunDispatcher dispatcher = new RunDispatcher(this);
    dispatcher.recover();
    return dispatcher;
  }

  private RunDispatcherBuilder route(String actionId, RunHandler handler, boolean sync) {
    Objects.requireNonNull(actionId, "actionId == null");
    Objects.requireNonNull(handler, "handler == null");
    if (actionId.isBlank()) {
      throw new IllegalArgumentException("actionId is blank: pass the action's identifier");
    }
    if (routes.containsKey(actionId)) {
      throw new IllegalArgumentException(
          "action " + actionId + " already has a handler: register each action once");
    }
    routes.put(actionId, Route.of(actionId, handler, sync));
    lastRegistered = actionId;
    return this;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name + " == null");
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }
}
