package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.testkit.EmulatedRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The emulator's in-memory catalog and runs. Every read and write goes through {@link #locked},
 * which signals waiters after each write so {@link #await} wakes on change instead of polling.
 * Thread-safe.
 */
public final class EmulatorState {
  // Port's identifier pattern for blueprints (SPEC); entities also allow '='.
  static final Pattern BLUEPRINT_ID = Pattern.compile("^(?!\\.{1,2}$)[\\p{L}0-9@_.+:\\\\/-]+$");

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Clock clock;
  private final Ids ids;
  private final String clientSecret;

  /** The automations run on each change; set by EmulatorCore. */
  AutomationEngine automations;

  final Map<String, ObjectNode> blueprints = new LinkedHashMap<>();
  final Map<String, ObjectNode> actions = new LinkedHashMap<>();
  final Map<String, Map<String, ObjectNode>> entities = new LinkedHashMap<>();
  final Map<String, RunRecord> runs = new LinkedHashMap<>();
  final AuditTrail audit = new AuditTrail();
  private long sequence;

  /**
   * Creates a state holding only Port's system blueprints, using {@code clock} for timestamps and
   * {@code ids} for run ids.
   */
  public EmulatorState(Clock clock, Ids ids) {
    this(clock, ids, "");
  }

  /** Creates an empty state whose runs encrypt secret inputs with {@code clientSecret}. */
  public EmulatorState(Clock clock, Ids ids, String clientSecret) {
    this.clock = clock;
    this.ids = ids;
    this.clientSecret = clientSecret;
    installSystemBlueprints();
  }

  /** Returns the emulator's clock. */
  public Clock clock() {
    return clock;
  }

  /** Returns the emulator's id generator. */
  public Ids ids() {
    return ids;
  }

  /** Runs {@code work} under the lock and wakes every waiter afterwards. */
  public <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      changed.signalAll();
      lock.unlock();
    }
  }

  /**
   * Waits until run {@code runId} exists and satisfies {@code condition}, or {@code timeout}
   * passes.
   *
   * @return the matching snapshot, or {@code null} on timeout
   */
  public EmulatedRun await(String runId, Predicate<EmulatedRun> condition, Duration timeout)
      throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        RunRecord run = runs.get(runId);
        if (run != null && condition.test(run.snapshot())) {
          return run.snapshot();
        }
        if (remaining <= 0) {
          return null;
        }
        remaining = changed.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns the run with {@code runId}, or a 404. Call under the lock. */
  RunRecord requireRun(String runId) {
    RunRecord run = runs.get(runId);
    if (run == null) {
      throw ApiError.notFound("Action run", runId);
    }
    return run;
  }

  /** Renders a run as Port does. Call under the lock. */
  ObjectNode runJson(RunRecord run, boolean v1) {
    ObjectNode blueprint = run.blueprint == null ? null : blueprints.get(run.blueprint);
    ObjectNode entity =
        run.entity == null || run.blueprint == null
            ? null
            : entities.getOrDefault(run.blueprint, Map.of()).get(run.entity);
    ObjectNode json = run.toJson(v1, blueprint, entity);
    if (!v1 && !actions.containsKey(run.action.path("identifier").asText())) {
      ((ObjectNode) json.get("action")).put("deleted", true);
    }
    return json;
  }

  /** Records a run change in the audit log, snapshots rendered as v2. Call under the lock. */
  void auditRun(String action, RunRecord run, ObjectNode before, String by) {
    audit.run(action, run, before, runJson(run, false), by, clock.instant());
  }

  /** Returns snapshots of all runs, oldest first. */
  public List<EmulatedRun> snapshots() {
    return locked(
        () -> {
          List<EmulatedRun> all = new ArrayList<>();
          runs.values().forEach(run -> all.add(run.snapshot()));
          return all;
        });
  }

  /** Returns a snapshot of run {@code runId}, or {@code null}. */
  public EmulatedRun snapshot(String runId) {
    return locked(
        () -> {
          RunRecord run = runs.get(runId);
          return run == null ? null : run.snapshot();
        });
  }

  /**
   * Creates a run with source {@code API}; see {@link #createRun(String, ObjectNode, String,
   * String, String)}.
   */
  public RunRecord createRun(
      String actionId, ObjectNode properties, String entity, String createdBy) {
    return createRun(actionId, properties, entity, createdBy, "API");
  }

  /**
   * Creates a run of action {@code actionId}, as {@code POST /v1/actions/{id}/runs} does. This is
   * the one place runs are born; delivery is scheduled by the caller (RunRoutes,
   * PortEmulator.trigger).
   *
   * @param source where the run came from, {@code UI}, {@code API} or {@code AUTOMATION} (the run's
   *     {@code source}, filtered by {@code GET /v1/actions/runs?source=})
   */
  public RunRecord createRun(
      String actionId, ObjectNode properties, String entity, String createdBy, String source) {
    return locked(
        () -> {
          ObjectNode action = actions.get(actionId);
          if (action == null) {
            throw ApiError.notFound("Action", actionId);
          }
          String blueprint = action.path("trigger").path("blueprintIdentifier").asText(null);
          if (entity != null
              && blueprint != null
              && !entities.getOrDefault(blueprint, Map.of()).containsKey(entity)) {
            throw ApiError.notFound("Entity", entity);
          }
          // Secret inputs are encrypted now and never stored: only their ciphertext waits for the
          // webhook (docs/decisions/0194-emulator-secret-inputs.md).
          SecretInputs.Split split = SecretInputs.split(action, properties, clientSecret);
          RunRecord run =
              new RunRecord(
                  ids.runId(),
                  ++sequence,
                  action,
                  entity,
                  split.stored(),
                  createdBy,
                  source,
                  clock.instant());
          run.delivered = split.delivered();
          run.encryptedProperties = split.encrypted();
          runs.put(run.id, run);
          if (automations != null) {
            automations.runChanged(run, null, runJson(run, false), null);
          }
          auditRun("CREATE", run, null, createdBy);
          return run;
        });
  }

  /**
   * Creates the run automation {@code automation} starts for {@code event}, {@code depth} runs deep
   * in its chain. Call under the lock.
   */
  RunRecord createAutomationRun(ObjectNode automation, ObjectNode event, int depth, String by) {
    RunRecord run =
        new RunRecord(
            ids.runId(),
            ++sequence,
            automation,
            null,
            Json.object(),
            by,
            "AUTOMATION",
            clock.instant());
    run.event = event;
    run.chainDepth = depth;
    runs.put(run.id, run);
    auditRun("CREATE", run, null, by);
    return run;
  }

  /** Tells the automations an entity changed; {@code cause} is the run it is tied to, or null. */
  void entityChanged(
      String action,
      String blueprint,
      String entity,
      RunRecord cause,
      JsonNode before,
      JsonNode after) {
    if (automations != null) {
      automations.entityChanged(action, blueprint, entity, cause, before, after);
    }
  }

  /** Tells the automations run {@code run} was PATCHed; {@code before} is its JSON before. */
  void runPatched(RunRecord run, ObjectNode before) {
    if (automations != null) {
      automations.runChanged(run, before, runJson(run, false), run);
    }
  }

  /**
   * Stores a blueprint definition, as {@code POST /v1/blueprints} does; returns the stored form.
   */
  public ObjectNode defineBlueprint(JsonNode definition, String createdBy) {
    ObjectNode blueprint = Json.requireObject(definition).deepCopy();
    String id = Json.requiredString(blueprint, "identifier");
    if (!BLUEPRINT_ID.matcher(id).matches() || id.length() > 100) {
      throw ApiError.invalid(
          "blueprint identifier \""
              + id
              + "\" must match "
              + BLUEPRINT_ID.pattern()
              + " and be at most 100 characters");
    }
    Json.requiredString(blueprint, "title");
    if (!blueprint.has("schema")) {
      blueprint.set(
          "schema",
          Json.object()
              .<ObjectNode>set("properties", Json.object())
              .set("required", Json.MAPPER.createArrayNode()));
    }
    if (!blueprint.has("relations")) {
      blueprint.set("relations", Json.object());
    }
    return locked(
        () -> {
          if (blueprints.containsKey(id)) {
            throw new ApiError(
                409,
                "identifier_taken",
                "A blueprint with identifier \"" + id + "\" already exists");
          }
          stamp(blueprint, createdBy);
          blueprints.put(id, blueprint);
          entities.putIfAbsent(id, new LinkedHashMap<>());
          return blueprint.deepCopy();
        });
  }

  /**
   * Stores an action definition as given (invocationMethod included), as {@code POST /v1/actions}
   * does.
   */
  public ObjectNode defineAction(JsonNode definition, String createdBy) {
    ObjectNode action = Json.requireObject(definition).deepCopy();
    String id = Json.requiredString(action, "identifier");
    if (!action.path("trigger").isObject()) {
      throw ApiError.invalid(
          "\"trigger\" is required and must be an object, e.g. {\"type\":\"self-service\",\"operation\":\"DAY-2\",\"blueprintIdentifier\":\"service\",\"userInputs\":{\"properties\":{}}}");
    }
    SecretInputs.validate(action);
    AutomationEngine.validate(action);
    if (!action.path("invocationMethod").isObject()) {
      throw ApiError.invalid(
          "\"invocationMethod\" is required and must be an object, e.g. {\"type\":\"WEBHOOK\",\"url\":\"https://example.com\"}");
    }
    return locked(
        () -> {
          if (actions.containsKey(id)) {
            throw new ApiError(
                409, "identifier_taken", "An action with identifier \"" + id + "\" already exists");
          }
          stamp(action, createdBy);
          actions.put(id, action);
          return action.deepCopy();
        });
  }

  private void stamp(ObjectNode node, String by) {
    String now = Json.time(clock.instant());
    node.put("createdBy", by).put("updatedBy", by).put("createdAt", now).put("updatedAt", now);
  }

  /** Returns the current time. */
  Instant now() {
    return clock.instant();
  }

  private void installSystemBlueprints() {
    defineBlueprint(SystemBlueprints.team(), "port");
    defineBlueprint(SystemBlueprints.user(), "port");
  }

  /** Forgets the whole catalog, every run and the audit log; the system blueprints stay. */
  public void clear() {
    locked(
        () -> {
          blueprints.clear();
          actions.clear();
          entities.clear();
          runs.clear();
          if (automations != null) {
            automations.clear();
          }
          audit.clear();
          installSystemBlueprints();
          return null;
        });
  }
}
