package io.portkit.backend.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The event that started an automation's run ({@code .event} of Port's trigger data): what
 * happened, to which resource, and the resource before and after.
 *
 * <p>An entity event is {@code {action, resourceType: "entity", trigger, context
 * {blueprintIdentifier, entityIdentifier, propertyIdentifier}, diff {before, after}}}; a run event
 * is {@code {id, resourceType: "run", action, trigger, context {action}, diff}}. {@code before} is
 * null on a create, {@code after} on a delete; a timer's expiry carries {@code after} only. Port's
 * trigger events are described at
 * https://docs.port.io/actions-and-automations/define-automations/setup-trigger.
 *
 * <pre>{@code
 * builder.automation("revoke_temporary_access", (event, run, ctx) -> {
 *   String entity = event.entityIdentifier().orElseThrow();
 *   Access access = event.diff().after(Access.class).orElseThrow(); // the entity's properties
 *   ...
 * });
 * }</pre>
 *
 * <p>Immutable and thread-safe; the JSON nodes are the parsed body's own: treat them as read-only.
 */
public final class AutomationEvent {
  /** What happened; an automation on {@code ANY_ENTITY_CHANGE} sees the first three. */
  public enum Kind {
    /** An entity was created ({@code before} is null). */
    ENTITY_CREATED,
    /** An entity was updated. */
    ENTITY_UPDATED,
    /** An entity was deleted ({@code after} is null). */
    ENTITY_DELETED,
    /** A timer property of an entity expired ({@code after} only). */
    TIMER_PROPERTY_EXPIRED,
    /** A run of the watched action was created. */
    RUN_CREATED,
    /** A run of the watched action was updated (PATCHed or approved; logs do not count). */
    RUN_UPDATED,
    /** An event portkit does not know. */
    UNKNOWN
  }

  private final JsonNode raw;
  private final Kind kind;
  private final Diff diff;

  private AutomationEvent(JsonNode raw) {
    this.raw = raw;
    this.diff = new Diff(raw.path("diff").path("before"), raw.path("diff").path("after"));
    this.kind = classify(raw, diff);
  }

  /**
   * Reads an event object as Port sends it.
   *
   * @throws IllegalArgumentException if {@code event} is not a JSON object
   */
  public static AutomationEvent fromJson(JsonNode event) {
    Objects.requireNonNull(event, "event == null");
    if (!event.isObject()) {
      throw new IllegalArgumentException(
          "an automation event is a JSON object, got " + event.getNodeType());
    }
    return new AutomationEvent(event);
  }

  private static Kind classify(JsonNode raw, Diff diff) {
    String resource = text(raw.path("resourceType")).toLowerCase(Locale.ROOT);
    String action = text(raw.path("action")).toUpperCase(Locale.ROOT);
    if (resource.equals("entity")) {
      boolean timer =
          action.contains("TIMER")
              || (diff.before().isEmpty()
                  && diff.after().isPresent()
                  && !text(raw.path("context").path("propertyIdentifier")).isEmpty());
      if (timer) {
        return Kind.TIMER_PROPERTY_EXPIRED;
      }
      switch (action) {
        case "CREATE":
          return Kind.ENTITY_CREATED;
        case "UPDATE":
          return Kind.ENTITY_UPDATED;
        case "DELETE":
          return Kind.ENTITY_DELETED;
        default:
          return Kind.UNKNOWN;
      }
    }
    if (resource.equals("run")) {
      return action.equals("CREATE") || diff.before().isEmpty()
          ? Kind.RUN_CREATED
          : Kind.RUN_UPDATED;
    }
    return Kind.UNKNOWN;
  }

  /** Returns what happened. */
  public Kind kind() {
    return kind;
  }

  /** Returns the resource type, {@code entity} or {@code run}, or empty when absent. */
  public Optional<String> resourceType() {
    return RunInvocationParser.text(raw.path("resourceType"));
  }

  /** Returns the event's own action word ({@code CREATE}, {@code UPDATE}, {@code DELETE}). */
  public Optional<String> action() {
    return RunInvocationParser.text(raw.path("action"));
  }

  /**
   * Returns the event's context object ({@code blueprintIdentifier}, ...); empty object if none.
   */
  public ObjectNode context() {
    JsonNode context = raw.path("context");
    return context.isObject() ? (ObjectNode) context : JsonNodeFactory.instance.objectNode();
  }

  /**
   * Returns the blueprint of the entity the event is about ({@code context.blueprintIdentifier}).
   */
  public Optional<String> blueprintIdentifier() {
    return RunInvocationParser.text(raw.path("context").path("blueprintIdentifier"));
  }

  /** Returns the entity the event is about ({@code context.entityIdentifier}). */
  public Optional<String> entityIdentifier() {
    return RunInvocationParser.text(raw.path("context").path("entityIdentifier"));
  }

  /** Returns the timer property that expired ({@code context.propertyIdentifier}). */
  public Optional<String> propertyIdentifier() {
    return RunInvocationParser.text(raw.path("context").path("propertyIdentifier"));
  }

  /**
   * Returns the action whose run the event is about ({@code context.action}: an identifier, or an
   * object's {@code identifier}).
   */
  public Optional<String> actionIdentifier() {
    JsonNode action = raw.path("context").path("action");
    return RunInvocationParser.text(action)
        .or(() -> RunInvocationParser.text(action.path("identifier")));
  }

  /** Returns the id of the run a run event is about ({@code id}). */
  public Optional<String> runId() {
    return RunInvocationParser.text(raw.path("id"));
  }

  /** Returns who or what caused the event ({@code trigger}), if present. */
  public Optional<RunTrigger> trigger() {
    JsonNode trigger = raw.path("trigger");
    return trigger.isObject() ? Optional.of(new RunTrigger(trigger, null)) : Optional.empty();
  }

  /** Returns the resource before and after the event. */
  public Diff diff() {
    return diff;
  }

  /** Returns the event exactly as received. */
  public JsonNode raw() {
    return raw;
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : "";
  }

  /** Shows kind and identifiers only: the diff may hold personal data. */
  @Override
  public String toString() {
    return "AutomationEvent[kind="
        + kind
        + blueprintIdentifier().map(b -> ", blueprint=" + b).orElse("")
        + entityIdentifier().map(e -> ", entity=" + e).orElse("")
        + propertyIdentifier().map(p -> ", property=" + p).orElse("")
        + actionIdentifier().map(a -> ", action=" + a).orElse("")
        + "]";
  }

  /**
   * The resource before and after an event: an entity ({@code identifier}, {@code properties},
   * {@code relations}, ...) or a run. Immutable.
   */
  public static final class Diff {
    private final JsonNode before;
    private final JsonNode after;

    Diff(JsonNode before, JsonNode after) {
      this.before = before;
      this.after = after;
    }

    /** Returns the resource before the event; empty on a create or a timer's expiry. */
    public Optional<JsonNode> before() {
      return present(before);
    }

    /** Returns the resource after the event; empty on a delete. */
    public Optional<JsonNode> after() {
      return present(after);
    }

    /**
     * Binds the {@code properties} of the resource before the event to {@code type}, with the rules
     * of typed inputs ({@link RunInvocation#inputs(Class)}: {@code expiresAt} reads {@code
     * expires_at}).
     *
     * @throws InputBindingException naming the property that does not fit
     */
    public <T> Optional<T> before(Class<T> type) {
      return bind(before, type);
    }

    /**
     * Binds the {@code properties} of the resource after the event to {@code type}; see {@link
     * #before(Class)}.
     *
     * @throws InputBindingException naming the property that does not fit
     */
    public <T> Optional<T> after(Class<T> type) {
      return bind(after, type);
    }

    private static <T> Optional<T> bind(JsonNode side, Class<T> type) {
      Objects.requireNonNull(type, "type == null");
      if (present(side).isEmpty()) {
        return Optional.empty();
      }
      JsonNode properties = side.path("properties");
      ObjectNode object =
          properties.isObject() ? (ObjectNode) properties : JsonNodeFactory.instance.objectNode();
      return Optional.of(InputBinder.bind(object, type));
    }

    private static Optional<JsonNode> present(JsonNode node) {
      return node == null || node.isMissingNode() || node.isNull()
          ? Optional.empty()
          : Optional.of(node);
    }
  }
}
