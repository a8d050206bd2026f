package io.portkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.Sleeper;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.catalog.Action;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.internal.ApiError;
import io.portkit.testkit.internal.EmulatorCore;
import io.portkit.testkit.internal.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory emulator of Port's REST API on a real HTTP server at {@code 127.0.0.1}.
 *
 * <pre>{@code
 * try (PortEmulator port = PortEmulator.start()) {
 *   port.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");
 *   port.defineAction(Action.builder("deploy").blueprint("service")
 *       .invocationMethod(InvocationMethod.webhook(URI.create("http://127.0.0.1:8080/"))).build());
 *   EmulatedRun run = port.createRun("deploy", new ObjectMapper().createObjectNode());
 *   myBackend(port.baseUri(), port.credentials()).handle(run.id());
 *   port.awaitRun(run.id(), RunStatus.SUCCESS, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>It answers Port's token, run, run-log, entity, blueprint and action routes with Port's
 * envelopes and status codes, adds {@code x-ratelimit-*} and {@code X-Trace-Id} headers, and keeps
 * a request journal. Admin routes under {@code /__emulator} expose the same state over HTTP. See
 * {@code docs/testing-with-port-testkit.md}.
 *
 * <p>Thread-safe. {@link #close()} is idempotent. Credentials and tokens never appear in {@link
 * #toString()} or in the journal.
 */
public final class PortEmulator implements AutoCloseable {
  private final EmulatorCore core;
  private final EmulatorServer server;
  private final RunWaiter waiter;
  private final TimerTicker timers;
  private volatile boolean closed;

  private PortEmulator(EmulatorCore core, int port) {
    this.core = core;
    this.server = new EmulatorServer(core, port);
    this.waiter = new RunWaiter(core.state());
    this.timers = new TimerTicker(core);
  }

  /** Returns a builder for an emulator with non-default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts an emulator with default settings on a free port. */
  public static PortEmulator start() {
    return builder().start();
  }

  /** Returns the base URI to give a Port client instead of {@code https://api.port.io}. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** Returns the port the emulator listens on. */
  public int port() {
    return server.baseUri().getPort();
  }

  /** Returns the registered credentials, for {@code PortClient.builder().credentials(...)}. */
  public ClientCredentials credentials() {
    return new ClientCredentials(clientId(), clientSecret());
  }

  /** Returns the registered client id. */
  public String clientId() {
    return core.settings().clientId();
  }

  /**
   * Returns the registered client secret, which also signs the webhooks the emulator delivers (give
   * it to the {@code SignatureVerifier} under test); never print it in shared logs.
   */
  public String clientSecret() {
    return core.settings().clientSecret();
  }

  /**
   * Defines a blueprint from its Port JSON, exactly as {@code POST /v1/blueprints} does.
   *
   * @return the stored blueprint
   * @throws IllegalArgumentException if the JSON is invalid, lacks identifier/title, or the
   *     identifier is taken
   */
  public JsonNode defineBlueprint(String json) {
    return defineBlueprint(Json.parseArgument(json, "blueprint json"));
  }

  /** Defines a blueprint from a JSON tree; see {@link #defineBlueprint(String)}. */
  public JsonNode defineBlueprint(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    return unwrap(() -> core.state().defineBlueprint(json, clientId()));
  }

  /**
   * Defines {@code action} exactly as {@code POST /v1/actions} does with its {@link Action#raw()}
   * JSON. Build one with {@link Action#builder(String)}, or read Port's JSON with {@link
   * Action#fromJson(String)}. The {@code invocationMethod} is kept as given; a {@code synchronized}
   * one makes runs reject status changes, as Port does.
   *
   * @return the stored action, with Port's {@code createdBy}/{@code createdAt} fields
   * @throws IllegalArgumentException if it lacks a trigger or an invocationMethod object, or the
   *     identifier is taken
   */
  public Action defineAction(Action action) {
    Objects.requireNonNull(action, "action == null");
    return Action.fromJson(unwrap(() -> core.state().defineAction(action.raw(), clientId())));
  }

  /**
   * Creates an IN_PROGRESS run of {@code action} without invoking its webhook (your test then hands
   * the run to the backend itself); {@link #trigger} also invokes it. Runs created from code stand
   * for a user's click: their {@code source} is {@code UI}, while HTTP-created runs are {@code
   * API}.
   *
   * @param properties the user inputs, a JSON object
   * @throws IllegalArgumentException if the action is unknown or properties is not an object
   */
  public EmulatedRun createRun(String action, JsonNode properties) {
    return createRun(action, properties, null);
  }

  /**
   * Creates an IN_PROGRESS run of {@code action} for {@code entity} (nullable), which must exist
   * when the action has a blueprint.
   *
   * @throws IllegalArgumentException if the action or entity is unknown or properties is not an
   *     object
   */
  public EmulatedRun createRun(String action, JsonNode properties, String entity) {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(properties, "properties == null");
    if (!properties.isObject()) {
      throw new IllegalArgumentException(
          "properties must be a JSON object, got " + properties.getNodeType());
    }
    String id =
        unwrap(
            () ->
                core.state()
                    .createRun(action, (ObjectNode) properties, entity, clientId(), "UI")
                    .id());
    return core.state().snapshot(id);
  }

  /**
   * Triggers {@code action} like a user in Port's UI: creates an IN_PROGRESS run, then, off the
   * calling thread, renders the action's {@code invocationMethod}, signs it with the client secret
   * and calls its URL, setting the run's status from the answer as Port does (docs section 7). Each
   * call is in {@link EmulatedRun#deliveries()}; wait with {@link #awaitDelivery} or {@link
   * #awaitRun}. Actions that are not a direct WEBHOOK ({@code agent: true}, other types) are not
   * called.
   *
   * @param properties the user inputs, a JSON object
   * @param entity the entity the run is for, or {@code null}
   * @return the new run, as created (before the webhook answers)
   * @throws IllegalArgumentException if the action or entity is unknown or properties is not an
   *     object
   */
  public EmulatedRun trigger(String action, JsonNode properties, @Nullable String entity) {
    EmulatedRun run = createRun(action, properties, entity);
    core.invoker().invoke(run.id(), "UI");
    return run;
  }

  /** Triggers {@code action} without an entity; see {@link #trigger(String, JsonNode, String)}. */
  public EmulatedRun trigger(String action, JsonNode properties) {
    return trigger(action, properties, null);
  }

  /** Returns a snapshot of run {@code runId}, or empty when there is none. */
  public Optional<EmulatedRun> run(String runId) {
    Objects.requireNonNull(runId, "runId == null");
    return Optional.ofNullable(core.state().snapshot(runId));
  }

  /** Returns snapshots of all runs, oldest first. */
  public List<EmulatedRun> runs() {
    return core.state().snapshots();
  }

  /**
   * Waits until run {@code runId} has status {@code expected}, woken by each state change (no
   * polling).
   *
   * @return the run as it reached {@code expected}
   * @throws RunAssertionError at once when the run reaches another final status (SUCCESS, FAILURE,
   *     DECLINED), since it never changes again; or when {@code timeout} passes first. The message
   *     names the run, its action, both statuses, the summary, the status label and the last log
   *     lines.
   */
  public EmulatedRun awaitRun(String runId, RunStatus expected, Duration timeout) {
    return waiter.status(runId, expected, timeout);
  }

  /**
   * Waits until run {@code runId} has a final status, whichever it is.
   *
   * @throws RunAssertionError if {@code timeout} passes first
   */
  public EmulatedRun awaitFinalStatus(String runId, Duration timeout) {
    return waiter.until(runId, timeout, EmulatedRun::isFinished, "a final status");
  }

  /**
   * Waits until run {@code runId} has at least one webhook delivery recorded (answered or failed).
   *
   * @throws RunAssertionError if {@code timeout} passes first
   */
  public EmulatedRun awaitDelivery(String runId, Duration timeout) {
    return waiter.until(runId, timeout, run -> !run.deliveries().isEmpty(), "a webhook delivery");
  }

  /**
   * Returns every request to Port's routes so far, oldest first: token requests included, admin
   * ({@code /__emulator}) requests excluded, secrets and bearer tokens never recorded.
   */
  public List<RecordedRequest> requests() {
    return core.journal().entries();
  }

  /** Scripts {@code fault} for the next matching requests; faults are tried in the order added. */
  public void inject(Fault fault) {
    core.faults().add(Objects.requireNonNull(fault, "fault == null"));
  }

  /** Removes every pending fault. */
  public void clearFaults() {
    core.faults().clear();
  }

  /** Expires every token issued so far, so the next API call gets 401 {@code token_expired}. */
  public void expireTokens() {
    core.tokens().expireAll();
  }

  /**
   * Forgets catalog, runs, journal, faults, tokens and the rate-limit window; keeps credentials.
   */
  public void reset() {
    core.reset();
  }

  /**
   * Fires {@code TIMER_PROPERTY_EXPIRED} for each entity's timer property ({@code "format":
   * "timer"}) whose time has passed on the emulator's clock, once per value, as Port does. The
   * emulator does this itself (on each {@link FakeClock#advance}, else every second); call it to
   * fire now.
   *
   * @return the automation runs created, as created
   */
  public List<EmulatedRun> checkTimers() {
    return core.checkTimers().stream().map(id -> core.state().snapshot(id)).toList();
  }

  /**
   * Returns what the emulator refused to do for automations, oldest first: chains stopped as loops
   * (also logged on the run whose write would have continued the chain) and conditions that did not
   * evaluate.
   */
  public List<String> automationWarnings() {
    return core.state().locked(core.automations()::warnings);
  }

  /**
   * Defines a workflow (Port Workflows, beta) from its Port JSON: {@code identifier}, {@code
   * nodes[]} ({@code identifier}, {@code config}, optional {@code variables}) and {@code
   * connections[]} ({@code sourceIdentifier}, {@code targetIdentifier}). The emulator runs one
   * {@code SELF_SERVE_TRIGGER} node followed by a line of {@code WEBHOOK} nodes; anything else is
   * refused (docs/testing-with-port-testkit.md, section 10). Defining it again replaces it.
   *
   * @return the stored workflow
   * @throws IllegalArgumentException if it is not such a workflow
   */
  public JsonNode defineWorkflow(String json) {
    return defineWorkflow(Json.parseArgument(json, "workflow json"));
  }

  /** Defines a workflow from a JSON tree; see {@link #defineWorkflow(String)}. */
  public JsonNode defineWorkflow(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    return unwrap(() -> core.workflows().define(json));
  }

  /**
   * Runs workflow {@code workflow} with {@code inputs} (the trigger node's output), as {@code POST
   * /v1/workflows/{identifier}/runs} does: returns at once; each node's webhook is rendered against
   * {@code .outputs}, signed with the client secret and called off the calling thread.
   *
   * @throws IllegalArgumentException if the workflow is unknown or inputs is not an object
   */
  public EmulatedWorkflowRun runWorkflow(String workflow, JsonNode inputs) {
    Objects.requireNonNull(workflow, "workflow == null");
    Objects.requireNonNull(inputs, "inputs == null");
    if (!inputs.isObject()) {
      throw new IllegalArgumentException(
          "inputs must be a JSON object, got " + inputs.getNodeType());
    }
    return unwrap(() -> core.workflows().start(workflow, (ObjectNode) inputs));
  }

  /** Returns a snapshot of workflow run {@code id}, or empty when there is none. */
  public Optional<EmulatedWorkflowRun> workflowRun(String id) {
    Objects.requireNonNull(id, "id == null");
    return core.workflows().snapshot(id);
  }

  /**
   * Waits until workflow run {@code id} has completed (SUCCESS, FAILED or CANCELLED), woken by each
   * change.
   *
   * @throws AssertionError if {@code timeout} passes first, naming each node run's status
   */
  public EmulatedWorkflowRun awaitWorkflowRun(String id, Duration timeout) {
    Objects.requireNonNull(id, "id == null");
    return core.workflows().await(id, timeout);
  }

  /**
   * Waits until node {@code node} of workflow run {@code id} has had its webhook called (answered
   * or failed), woken by each change.
   *
   * @throws AssertionError if {@code timeout} passes first
   */
  public EmulatedNodeRun awaitNodeDelivery(String id, String node, Duration timeout) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(node, "node == null");
    return core.workflows().awaitDelivery(id, node, timeout);
  }

  /** Cancels workflow run {@code id}: it and its running node complete CANCELLED. */
  public EmulatedWorkflowRun cancelWorkflowRun(String id) {
    Objects.requireNonNull(id, "id == null");
    return unwrap(() -> core.workflows().cancel(id));
  }

  /** Stops the server; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.close();
    server.close();
    core.invoker().close();
    core.workflows().close();
  }

  private static <T> T unwrap(Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + e.error() + ")", e);
    }
  }

  @Override
  public String toString() {
    return "PortEmulator[" + baseUri() + ", clientId=" + clientId() + "]";
  }

  /**
   * Configures and starts a {@link PortEmulator}; get one from {@link PortEmulator#builder()}.
   *
   * <pre>{@code
   * PortEmulator port = PortEmulator.builder()
   *     .clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z")))
   *     .seed(42)                                  // deterministic run ids, credentials and tokens
   *     .tokenLifetime(Duration.ofMinutes(5))
   *     .rateLimit(100, Duration.ofMinutes(1))
   *     .start();
   * }</pre>
   *
   * <p>Each setter validates its argument at once. Not thread-safe; use from one thread, then
   * discard. The client secret never appears in {@link #toString()}.
   */
  public static final class Builder {
    /** Port's documented token lifetime. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(3);

    /** The default rate limit: high enough that tests never meet it unless they lower it. */
    public static final int DEFAULT_RATE_LIMIT = 1_000_000;

    /** The default rate-limit window. */
    public static final Duration DEFAULT_RATE_PERIOD = Duration.ofMinutes(1);

    /** The default bound on one webhook call, as Port's execution agent (30 s). */
    public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(30);

    private final EmulatorOptions options = new EmulatorOptions();

    private Builder() {}

    /**
     * Listens on {@code port} on 127.0.0.1; 0 (the default) picks a free port.
     *
     * @throws IllegalArgumentException if {@code port} is not in 0..65535
     */
    public Builder port(int port) {
      options.port(port);
      return this;
    }

    /** Registers these credentials; by default a pair is generated from the {@link #random}. */
    public Builder credentials(ClientCredentials credentials) {
      options.credentials(credentials);
      return this;
    }

    /**
     * Sets the lifetime of issued tokens (default 3 hours, as Port).
     *
     * @throws IllegalArgumentException if shorter than one second (JWT exp has second precision)
     */
    public Builder tokenLifetime(Duration tokenLifetime) {
      options.tokenLifetime(tokenLifetime);
      return this;
    }

    /** Sets the clock for timestamps, token expiry and rate-limit windows (default system UTC). */
    public Builder clock(Clock clock) {
      options.clock(clock);
      return this;
    }

    /** Sets the randomness behind ids, generated credentials, trace ids and the token key. */
    public Builder random(Random random) {
      options.random(random);
      return this;
    }

    /** Shorthand for {@code random(new Random(seed))}: the same seed gives the same ids. */
    public Builder seed(long seed) {
      return random(new Random(seed));
    }

    /** Sets how {@link Fault#delayNext} latency is waited (default {@link Sleeper#SYSTEM}). */
    public Builder sleeper(Sleeper sleeper) {
      options.sleeper(sleeper);
      return this;
    }

    /**
     * Sets the status answered for writing to a finished run or tying an entity to one: 422
     * (default) or 409 (docs/decisions/0021-finished-run-writes.md).
     *
     * @throws IllegalArgumentException if not 409 or 422
     */
    public Builder finishedRunStatus(int status) {
      options.finishedRunStatus(status);
      return this;
    }

    /**
     * Enforces {@code limit} requests per {@code period} (whole seconds) on Port's routes; above it
     * the emulator answers 429 with {@code Retry-After}.
     *
     * @throws IllegalArgumentException if {@code limit < 1} or {@code period} is under one second
     */
    public Builder rateLimit(int limit, Duration period) {
      options.rateLimit(limit, period);
      return this;
    }

    /**
     * Sets whether a run created over HTTP ({@code POST /v1/actions/{id}/runs}) invokes its WEBHOOK
     * action like Port (default true). {@link PortEmulator#trigger} always invokes; {@link
     * PortEmulator#createRun} never does.
     */
    public Builder deliverWebhooks(boolean deliverWebhooks) {
      options.deliverWebhooks(deliverWebhooks);
      return this;
    }

    /**
     * Sets the bound on one webhook call; no answer by then fails the run (default 30 s).
     *
     * @throws IllegalArgumentException if under one millisecond
     */
    public Builder webhookTimeout(Duration webhookTimeout) {
      options.webhookTimeout(webhookTimeout);
      return this;
    }

    /**
     * Adds an organisation secret that invocation templates read as {@code .secrets.NAME}; values
     * are never printed.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder orgSecret(String name, String value) {
      options.orgSecret(name, value);
      return this;
    }

    /**
     * Sets how many automation runs one chain may hold (each caused by a write of the one before)
     * before the emulator stops it as a loop; default {@value
     * io.portkit.testkit.internal.AutomationEngine#DEFAULT_CHAIN_LIMIT}.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public Builder automationChainLimit(int limit) {
      options.automationChainLimit(limit);
      return this;
    }

    /**
     * Sets whether an entity write naming a property its blueprint's schema does not declare is
     * answered 422 (default true). Port does not document this case; the default fails in the
     * emulator what might fail in Port (docs/decisions/0026-entity-property-validation.md).
     * Declared properties are always checked against their type, format, enum and required.
     */
    public Builder rejectUndeclaredProperties(boolean reject) {
      options.rejectUndeclaredProperties(reject);
      return this;
    }

    /**
     * Starts the emulator.
     *
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public PortEmulator start() {
      return new PortEmulator(options.core(), options.port);
    }

    @Override
    public String toString() {
      return "PortEmulator.Builder[" + options + "]";
    }
  }
}
