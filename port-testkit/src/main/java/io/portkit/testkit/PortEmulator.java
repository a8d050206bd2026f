package io.portkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.portkit.testkit.internal.ApiError;
import io.portkit.testkit.internal.EmulatorCore;
import io.portkit.testkit.internal.Json;
import io.portkit.testkit.internal.RequestPipeline;
import io.portkit.webhook.internal.JdkHttpServerDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory emulator of Port's REST API on a real HTTP server at {@code 127.0.0.1}.
 *
 * <pre>{@code
 * try (PortEmulator port = PortEmulator.start()) {
 *   port.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");
 *   port.defineAction("{\"identifier\":\"deploy\",\"trigger\":{\"type\":\"self-service\",\"operation\":\"DAY-2\","
 *       + "\"blueprintIdentifier\":\"service\"},\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\"http://localhost:8080\"}}");
 *   EmulatedRun run = port.createRun("deploy", new ObjectMapper().createObjectNode());
 *   myBackend(port.baseUri(), port.clientId(), port.clientSecret()).handle(run.id());
 *   assertThat(port.awaitFinalStatus(run.id(), Duration.ofSeconds(5)).status()).isEqualTo("SUCCESS");
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
  private static final Set<String> STATUSES =
      Set.of("IN_PROGRESS", "SUCCESS", "FAILURE", "WAITING_FOR_APPROVAL", "DECLINED");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final EmulatorCore core;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI baseUri;
  private volatile boolean closed;

  PortEmulator(EmulatorCore core, int port) {
    this.core = core;
    // TCP_NODELAY, and room for idle keep-alive connections, before the JVM's first server.
    JdkHttpServerDefaults.apply();
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the Port emulator to 127.0.0.1:"
              + port
              + " (is the port in use? pass port 0 for a free one)",
          e);
    }
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "port-emulator-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", new RequestPipeline(core));
    server.start();
    baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Returns a builder for an emulator with non-default settings. */
  public static PortEmulatorBuilder builder() {
    return new PortEmulatorBuilder();
  }

  /** Starts an emulator with default settings on a free port. */
  public static PortEmulator start() {
    return builder().start();
  }

  /**
   * Returns the base URI to give a Port client instead of {@code https://api.port.io}, e.g. {@code
   * http://127.0.0.1:41234}.
   */
  public URI baseUri() {
    return baseUri;
  }

  /** Returns the port the emulator listens on. */
  public int port() {
    return baseUri.getPort();
  }

  /** Returns the registered client id. */
  public String clientId() {
    return core.settings().clientId();
  }

  /**
   * Returns the registered client secret, for the code under test; never print it in shared logs.
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
   * Defines an action from its Port JSON, exactly as {@code POST /v1/actions} does. The {@code
   * invocationMethod} is kept as given; {@code "synchronized": true} makes runs reject status
   * changes.
   *
   * @return the stored action
   * @throws IllegalArgumentException if the JSON is invalid, lacks identifier, trigger or
   *     invocationMethod, or the identifier is taken
   */
  public JsonNode defineAction(String json) {
    return defineAction(Json.parseArgument(json, "action json"));
  }

  /** Defines an action from a JSON tree; see {@link #defineAction(String)}. */
  public JsonNode defineAction(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    return unwrap(() -> core.state().defineAction(json, clientId()));
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
   * calling thread, renders the action's {@code invocationMethod} (jq templates over the trigger
   * data, or the legacy envelope when it has no {@code body}), signs it with the client secret and
   * calls its URL. A synchronized action's run then takes its status from the answer (2xx SUCCESS,
   * else FAILURE, answer stored in {@link EmulatedRun#response()}); an async one fails on a non-2xx
   * answer or no answer and otherwise stays IN_PROGRESS. Each call is in {@link
   * EmulatedRun#deliveries()}; wait with {@link #awaitDelivery} or {@link #awaitRun}. Actions that
   * are not a direct WEBHOOK ({@code agent: true}, other types) are not called.
   *
   * @param properties the user inputs, a JSON object
   * @param entity the entity the run is for, or {@code null}
   * @return the new run, as created (before the webhook answers)
   * @throws IllegalArgumentException if the action or entity is unknown or properties is not an
   *     object
   */
  public EmulatedRun trigger(String action, JsonNode properties, String entity) {
    EmulatedRun run = createRun(action, properties, entity);
    core.invoker().invoke(run.id(), "UI");
    return run;
  }

  /** Triggers {@code action} without an entity; see {@link #trigger(String, JsonNode, String)}. */
  public EmulatedRun trigger(String action, JsonNode properties) {
    return trigger(action, properties, null);
  }

  /**
   * Waits until run {@code runId} has at least one webhook delivery recorded (answered or failed).
   *
   * @throws AssertionError if {@code timeout} passes first
   */
  public EmulatedRun awaitDelivery(String runId, Duration timeout) {
    return await(runId, timeout, run -> !run.deliveries().isEmpty(), "a webhook delivery");
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
   * Waits until run {@code runId} exists and has {@code status}, woken by each state change.
   *
   * @throws IllegalArgumentException if {@code status} is not a Port run status
   * @throws AssertionError if {@code timeout} passes first; the message gives the run's last state
   */
  public EmulatedRun awaitRun(String runId, String status, Duration timeout) {
    Objects.requireNonNull(status, "status == null");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "unknown run status \"" + status + "\"; expected one of " + STATUSES);
    }
    return await(runId, timeout, run -> run.status().equals(status), "status " + status);
  }

  /**
   * Waits until run {@code runId} has a final status (SUCCESS or FAILURE).
   *
   * @throws AssertionError if {@code timeout} passes first
   */
  public EmulatedRun awaitFinalStatus(String runId, Duration timeout) {
    return await(runId, timeout, EmulatedRun::isFinished, "a final status");
  }

  private EmulatedRun await(
      String runId,
      Duration timeout,
      java.util.function.Predicate<EmulatedRun> condition,
      String what) {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(timeout, "timeout == null");
    try {
      EmulatedRun run = core.state().await(runId, condition, timeout);
      if (run == null) {
        throw new AssertionError(
            "run "
                + runId
                + " did not reach "
                + what
                + " within "
                + timeout
                + "; last state: "
                + run(runId).map(Object::toString).orElse("no such run"));
      }
      return run;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for run " + runId + " to reach " + what, e);
    }
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
   * Forgets catalog, runs, journal, faults, tokens and the rate-limit window; keeps the
   * credentials.
   */
  public void reset() {
    core.reset();
  }

  /** Stops the server; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.shutdownNow();
    core.invoker().close();
  }

  private static <T> T unwrap(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiError e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + e.error() + ")", e);
    }
  }

  @Override
  public String toString() {
    return "PortEmulator[" + baseUri + ", clientId=" + clientId() + "]";
  }
}
