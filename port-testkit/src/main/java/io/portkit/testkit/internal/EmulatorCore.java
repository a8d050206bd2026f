package io.portkit.testkit.internal;

import io.portkit.client.Sleeper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Wires the emulator's parts together: state, tokens, journal, faults, rate limiter and routes. */
public final class EmulatorCore {
  private final EmulatorSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Ids ids;
  private final EmulatorState state;
  private final TokenStore tokens;
  private final Journal journal = new Journal();
  private final FaultInjector faults = new FaultInjector();
  private final RateLimiter rateLimiter;
  private final List<Route> routes = new ArrayList<>();
  private final ActionInvoker invoker;
  private final AutomationEngine automations;
  private final WorkflowEngine workflows;

  /** Creates the emulator's parts from {@code settings}. */
  public EmulatorCore(EmulatorSettings settings, Clock clock, Random random, Sleeper sleeper) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.ids = new Ids(random);
    this.state = new EmulatorState(clock, ids, settings.clientSecret());
    this.tokens = new TokenStore(clock, settings.tokenLifetime(), ids);
    this.rateLimiter = new RateLimiter(clock, settings.rateLimit(), settings.ratePeriod());
    this.invoker = new ActionInvoker(state, settings);
    this.automations = new AutomationEngine(state, settings.clientId());
    automations.invoker(settings.deliverWebhooks() ? invoker : null);
    state.automations = automations;
    RunRules rules = new RunRules(settings.finishedRunStatus());
    String caller = settings.clientId();
    routes.addAll(new AuthRoutes(settings, tokens, clock).routes());
    // Logs and runs before catalog: /v1/actions/runs must not be read as action "runs".
    routes.addAll(new LogRoutes(state, rules, caller).routes());
    routes.addAll(
        new RunRoutes(state, rules, caller, settings.deliverWebhooks() ? invoker : null).routes());
    EntityValidator validator =
        new EntityValidator(state, new PropertyValidator(settings.rejectUndeclaredProperties()));
    EntityWriter writer = new EntityWriter(state, rules, validator, caller);
    routes.addAll(new SearchRoutes(state).routes());
    routes.addAll(new BulkEntityRoutes(state, writer).routes());
    routes.addAll(new EntityRoutes(state, writer, caller).routes());
    routes.addAll(new CatalogRoutes(state, caller).routes());
    routes.addAll(new AuditRoutes(state).routes());
    this.workflows = new WorkflowEngine(ids, clock, settings);
    routes.addAll(new WorkflowRoutes(workflows).routes());
    routes.addAll(new AdminRoutes(this).routes());
  }

  /** Returns the settings. */
  public EmulatorSettings settings() {
    return settings;
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /** Returns the latency sleeper. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** Returns the id generator. */
  public Ids ids() {
    return ids;
  }

  /** Returns the catalog and runs. */
  public EmulatorState state() {
    return state;
  }

  /** Returns the token store. */
  public TokenStore tokens() {
    return tokens;
  }

  /** Returns the request journal. */
  public Journal journal() {
    return journal;
  }

  /** Returns the scripted faults. */
  public FaultInjector faults() {
    return faults;
  }

  /** Returns the rate limiter. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Returns the webhook invoker. */
  public ActionInvoker invoker() {
    return invoker;
  }

  /** Returns the workflows engine (Port Workflows, beta). */
  public WorkflowEngine workflows() {
    return workflows;
  }

  /** Returns the automations engine. */
  public AutomationEngine automations() {
    return automations;
  }

  /**
   * Fires each timer property whose time has passed on the emulator's clock.
   *
   * @return the ids of the automation runs created
   */
  public List<String> checkTimers() {
    return state.locked(automations::checkTimers);
  }

  /** Returns the routes in match order. */
  public List<Route> routes() {
    return routes;
  }

  /** Forgets catalog, runs, journal, faults, tokens and the rate-limit window. */
  public void reset() {
    state.clear();
    workflows.clear();
    journal.clear();
    faults.clear();
    tokens.clear();
    rateLimiter.reset();
  }
}
