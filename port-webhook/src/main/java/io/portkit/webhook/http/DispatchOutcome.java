package io.portkit.webhook.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What an {@link InvocationDispatcher} did with a run, which {@link WebhookEndpoint} turns into the
 * HTTP answer:
 *
 * <ul>
 *   <li>{@link Accepted}: 202, work continues asynchronously and reports through the Port API;
 *   <li>{@link Duplicate}: 200, this run id was already taken, nothing new was started;
 *   <li>{@link Completed}: a synchronized action's result, the status and JSON body as given;
 *   <li>{@link Saturated}: 503, no capacity right now, nothing was started;
 *   <li>{@link Rejected}: a 4xx/5xx chosen by the dispatcher (for example no handler: 404).
 * </ul>
 *
 * <p>All variants are immutable values.
 */
public sealed interface DispatchOutcome {
  /** Returns the outcome "accepted for asynchronous execution" (202). */
  static DispatchOutcome accepted() {
    return Accepted.INSTANCE;
  }

  /** Returns the outcome "already received; not started again" (200). */
  static DispatchOutcome duplicate() {
    return Duplicate.INSTANCE;
  }

  /** Returns a synchronized action's result: {@code status} with {@code body} as the JSON body. */
  static DispatchOutcome completed(int status, JsonNode body) {
    return new Completed(status, body);
  }

  /** Returns "no capacity" (503) with a message that says what to do. */
  static DispatchOutcome saturated(String message) {
    return new Saturated(message);
  }

  /** Returns a refusal with {@code status} (400..599), an error code and a message. */
  static DispatchOutcome rejected(int status, String error, String message) {
    return new Rejected(status, error, message);
  }

  /** Accepted for asynchronous execution: answered 202. */
  enum Accepted implements DispatchOutcome {
    /** The only instance. */
    INSTANCE
  }

  /** A repeated delivery of a run already taken: answered 200. */
  enum Duplicate implements DispatchOutcome {
    /** The only instance. */
    INSTANCE
  }

  /**
   * A synchronized action's result; Port marks the run by the status code.
   *
   * @param status HTTP status 200..599
   * @param body the JSON body returned to Port
   */
  record Completed(int status, JsonNode body) implements DispatchOutcome {
    /** Validates the components. */
    public Completed {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status must be 200..599, got " + status);
      }
      Objects.requireNonNull(body, "body == null");
    }
  }

  /**
   * No capacity to take the run: answered 503.
   *
   * @param message what happened and what to do
   */
  record Saturated(String message) implements DispatchOutcome {
    /** Validates the message. */
    public Saturated {
      Objects.requireNonNull(message, "message == null");
    }
  }

  /**
   * A refusal chosen by the dispatcher.
   *
   * @param status HTTP status 400..599
   * @param error a short machine-readable code, for example {@code no_handler}
   * @param message what happened and what to do
   */
  record Rejected(int status, String error, String message) implements DispatchOutcome {
    /** Validates the components. */
    public Rejected {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status must be 400..599, got " + status);
      }
      Objects.requireNonNull(error, "error == null");
      Objects.requireNonNull(message, "message == null");
    }
  }
}
