package io.portkit.backend.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.ActionRun;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One verified delivery of a Port action run: the run id, typed accessors for what the body
 * carries, and the raw JSON for everything else.
 *
 * <p>Created by {@link RunInvocationParser} from any of the three body formats in {@link
 * BodyFormat}. Accessors read only the body and headers; when the body is minimal, {@link
 * #details()} fetches the run from Port, lazily and at most once.
 *
 * <p>Thread-safe. The JSON nodes returned are the parsed body's own: treat them as read-only.
 */
public final class RunInvocation {
  /** Which of the known body shapes a webhook used. */
  public enum BodyFormat {
    /** The pre-2024 envelope: {@code action}, {@code context.runId}, {@code payload}. */
    LEGACY,
    /** portkit's recommended template: {@code port_context}, {@code inputs}, {@code entity}. */
    RECOMMENDED,
    /** Only a run id (and perhaps spread inputs): details come from the Port API. */
    MINIMAL,
    /** Not delivered: read from Port's API ({@link #fromRun}), for example to run it by hand. */
    API
  }

  private final Parsed parsed;
  private final String runId;
  private final BodyFormat format;
  private final String actionIdentifier;
  private final String blueprint;
  private final String entityIdentifier;
  private final ObjectNode entity;
  private final ObjectNode inputs;
  private final RunTrigger trigger;
  private final RequestHeaders headers;
  private final JsonNode raw;
  private final RunDetailsLoader loader;
  private final @Nullable SecretDecryptor secrets;
  private final List<String> encryptedProperties;
  private final @Nullable AutomationEvent event;
  // A lock, not a monitor: the load is an HTTP call, made on a virtual thread on Java 21+.
  private final ReentrantLock lock = new ReentrantLock();
  private volatile JsonNode details;

  RunInvocation(Parsed p, RequestHeaders headers, JsonNode raw, RunDetailsLoader loader) {
    this(p, headers, raw, loader, null);
  }

  private RunInvocation(
      Parsed p,
      RequestHeaders headers,
      JsonNode raw,
      RunDetailsLoader loader,
      @Nullable SecretDecryptor secrets) {
    this.runId = Objects.requireNonNull(p.runId(), "runId == null");
    this.format = p.format();
    this.actionIdentifier = p.actionIdentifier();
    this.blueprint = p.blueprint();
    this.entityIdentifier = p.entityIdentifier();
    this.entity = p.entity();
    this.inputs = p.inputs();
    this.trigger = p.trigger();
    this.headers = headers;
    this.raw = raw;
    this.loader = loader;
    this.secrets = secrets;
    this.encryptedProperties = p.encryptedProperties();
    this.event = p.event() == null ? null : AutomationEvent.fromJson(p.event());
    this.parsed = p;
  }

  /** The typed fields extracted by the parser; package-private plumbing. */
  record Parsed(
      String runId,
      BodyFormat format,
      String actionIdentifier,
      String blueprint,
      String entityIdentifier,
      ObjectNode entity,
      ObjectNode inputs,
      RunTrigger trigger,
      List<String> encryptedProperties,
      @Nullable JsonNode event) {
    Parsed {
      encryptedProperties = List.copyOf(encryptedProperties);
    }
  }

  /**
   * Returns the invocation of a run read from Port's API ({@code GET /v1/actions/runs/{id}}) rather
   * than delivered: the same handler can then run it, for example to re-run a run by hand or to
   * test a handler against a run created elsewhere. Inputs are the run's {@code properties}; {@link
   * #details()} is the run's JSON; there are no headers; {@link #format()} is {@link
   * BodyFormat#API}.
   */
  public static RunInvocation fromRun(ActionRun run) {
    Objects.requireNonNull(run, "run == null");
    JsonNode properties = run.properties();
    ObjectNode inputs =
        properties.isObject()
            ? ((ObjectNode) properties).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    Parsed parsed =
        new Parsed(
            run.id(),
            BodyFormat.API,
            run.actionIdentifier().orElse(null),
            run.blueprint() == null ? null : run.blueprint().identifier(),
            run.entityIdentifier().orElse(null),
            null,
            inputs,
            null,
            List.of(),
            null);
    JsonNode raw = run.raw();
    return new RunInvocation(parsed, RequestHeaders.empty(), raw, runId -> raw);
  }

  /**
   * Returns a copy whose {@link #details()} uses {@code loader}. The dispatcher calls this with a
   * loader backed by the Port API client.
   */
  public RunInvocation withDetailsLoader(RunDetailsLoader loader) {
    return new RunInvocation(
        parsed, headers, raw, Objects.requireNonNull(loader, "loader == null"), secrets);
  }

  /**
   * Returns a copy that decrypts secret inputs with {@code secrets}. The dispatcher calls this with
   * the backend's decryptor (the client secret, and any private key configured).
   */
  public RunInvocation withSecrets(SecretDecryptor secrets) {
    return new RunInvocation(
        parsed, headers, raw, loader, Objects.requireNonNull(secrets, "secrets == null"));
  }

  /** Returns the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}. */
  public String runId() {
    return runId;
  }

  /** Returns which body shape this webhook used. */
  public BodyFormat format() {
    return format;
  }

  /** Returns the action's identifier, if the body carries it. */
  public Optional<String> actionIdentifier() {
    return Optional.ofNullable(actionIdentifier);
  }

  /** Returns the identifier of the action's blueprint, if the body carries it. */
  public Optional<String> blueprint() {
    return Optional.ofNullable(blueprint);
  }

  /** Returns the identifier of the entity the action ran on, if any. */
  public Optional<String> entityIdentifier() {
    return Optional.ofNullable(entityIdentifier);
  }

  /** Returns the full entity the action ran on; empty when there is none ({@code {}}). */
  public Optional<ObjectNode> entity() {
    return Optional.ofNullable(entity);
  }

  /** Returns the user's inputs keyed by input id; an empty object when there are none. */
  public ObjectNode inputs() {
    return inputs;
  }

  /**
   * Binds the inputs to {@code type}, usually a record whose components are the action's inputs:
   * {@code durationMinutes} reads the input {@code duration_minutes}, {@code @JsonProperty("id")}
   * names one exactly, and inputs the type does not declare are ignored. A missing input is null
   * (an error for a primitive component); a record's compact constructor may validate the values.
   *
   * <pre>{@code
   * record RestartInputs(String service, int durationMinutes) {
   *   RestartInputs {
   *     if (durationMinutes < 1) throw new IllegalArgumentException("duration_minutes must be >= 1");
   *   }
   * }
   * RestartInputs inputs = run.inputs(RestartInputs.class);
   * }</pre>
   *
   * @throws InputBindingException naming the input and what was wrong, for example {@code input
   *     'duration_minutes': expected a whole number, got "abc"}; thrown from a handler, it ends the
   *     run FAILURE with that message as the summary
   */
  public <T> T inputs(Class<T> type) {
    Objects.requireNonNull(type, "type == null");
    return InputBinder.bind(inputs, type, secrets, Set.copyOf(encryptedProperties));
  }

  /**
   * Returns secret input {@code input} decrypted, or empty when the run did not send it. Port
   * encrypts an input whose definition has {@code "encryption"}; a typed input's {@link
   * SecretValue} component is decrypted the same way.
   *
   * @throws SecretInputException if the value does not decrypt (wrong key, altered, not base64, too
   *     short); the message names the input and the reason, never the value. Thrown from a handler,
   *     it ends the run FAILURE with that message as the summary
   */
  public Optional<SecretValue> secret(String input) {
    Objects.requireNonNull(input, "input == null");
    JsonNode value = inputs.get(input);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    SecretDecryptor keys = secrets != null ? secrets : SecretDecryptor.builder().build();
    return Optional.of(keys.decrypt(input, value));
  }

  /**
   * Returns the identifiers of the inputs Port encrypted, when the body carries them ({@code
   * port_context.encryptedProperties} in the recommended body); empty otherwise.
   */
  public List<String> encryptedProperties() {
    return encryptedProperties;
  }

  /**
   * Returns the event that started the run when it is an automation's ({@code .event} of the
   * trigger data, sent by the recommended body); empty for a self-service run.
   */
  public Optional<AutomationEvent> event() {
    return Optional.ofNullable(event);
  }

  /** Returns whether an automation started the run: the body carries an event. */
  public boolean isAutomation() {
    return event != null;
  }

  /** Returns who or what triggered the run, if the body carries the trigger object. */
  public Optional<RunTrigger> trigger() {
    return Optional.ofNullable(trigger);
  }

  /** Returns the request headers (names case-insensitive). */
  public RequestHeaders headers() {
    return headers;
  }

  /** Returns the whole parsed body, numbers exact ({@code BigDecimal} for decimals). */
  public JsonNode raw() {
    return raw;
  }

  /**
   * Returns the run's details from Port ({@code GET /v1/actions/runs/{runId}}), loading them on the
   * first call only; concurrent first calls load once. A failed load is not cached.
   *
   * @throws IllegalStateException if no {@link RunDetailsLoader} was set
   */
  public JsonNode details() {
    JsonNode loaded = details;
    if (loaded != null) {
      return loaded;
    }
    if (loader == null) {
      throw new IllegalStateException(
          "run details need the Port API: this invocation has no RunDetailsLoader; use"
              + " withDetailsLoader(...) or receive it from the dispatcher");
    }
    lock.lock();
    try {
      if (details == null) {
        details =
            Objects.requireNonNull(
                loader.load(runId), "RunDetailsLoader returned null for run " + runId);
      }
      return details;
    } finally {
      lock.unlock();
    }
  }

  /** Shows identifiers only: inputs and the entity may hold personal or sensitive data. */
  @Override
  public String toString() {
    return "RunInvocation[runId="
        + runId
        + ", format="
        + format
        + ", action="
        + actionIdentifier
        + ", blueprint="
        + blueprint
        + ", entity="
        + entityIdentifier
        + (event == null ? "" : ", event=" + event.kind())
        + "]";
  }
}
