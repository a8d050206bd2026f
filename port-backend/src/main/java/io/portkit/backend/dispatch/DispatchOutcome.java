package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.FinalStatus;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link InvocationDispatcher} did with a run. Transport-neutral: each adapter maps it to
 * its own wire (the webhook adapter to an HTTP status, the Kafka adapter to an offset commit):
 *
 * <ul>
 *   <li>{@link Accepted}: taken; work continues asynchronously and reports through the Port API;
 *   <li>{@link Duplicate}: this run id was already taken, nothing new was started;
 *   <li>{@link Completed}: a synchronized action's result, which Port turns into the run's status;
 *   <li>{@link Saturated}: no capacity right now, nothing was started; worth retrying later;
 *   <li>{@link Rejected}: refused for a {@link Reason}; {@link Reason#isRetryable()} says whether
 *       delivering it again can succeed.
 * </ul>
 *
 * <p>All variants are immutable values.
 */
public sealed interface DispatchOutcome {
  /** Returns the outcome "accepted for asynchronous execution". */
  static DispatchOutcome accepted() {
    return Accepted.INSTANCE;
  }

  /** Returns the outcome "already received; not started again". */
  static DispatchOutcome duplicate() {
    return Duplicate.INSTANCE;
  }

  /** Returns a synchronized action's result. */
  static DispatchOutcome completed(SyncResult result) {
    return new Completed(result);
  }

  /** Returns "no capacity" with a message that says what to do. */
  static DispatchOutcome saturated(String message) {
    return new Saturated(message);
  }

  /** Returns a refusal for {@code reason} with a message that names the run and what to do. */
  static DispatchOutcome rejected(Reason reason, String message) {
    return new Rejected(reason, message);
  }

  /** Accepted for asynchronous execution. */
  enum Accepted implements DispatchOutcome {
    /** The only instance. */
    INSTANCE
  }

  /** A repeated delivery of a run already taken. */
  enum Duplicate implements DispatchOutcome {
    /** The only instance. */
    INSTANCE
  }

  /**
   * A synchronized action's result; Port marks the run from it.
   *
   * @param result how the run ended
   */
  record Completed(SyncResult result) implements DispatchOutcome {
    /** Validates the result. */
    public Completed {
      Objects.requireNonNull(result, "result == null");
    }
  }

  /**
   * No capacity to take the run.
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
   * @param reason why; {@link Reason#code()} is the short machine-readable form
   * @param message what happened and what to do
   */
  record Rejected(Reason reason, String message) implements DispatchOutcome {
    /** Validates the components. */
    public Rejected {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  /** Why a run was refused. */
  enum Reason {
    /** No handler is registered for the run's action; delivering it again cannot help. */
    NO_HANDLER(false),
    /** The run's action could not be found (the body names none and Port could not be asked). */
    ROUTING_FAILED(true),
    /**
     * The body names no action and Port does not know the run (its lookup answered 404) or names no
     * action for it; delivering it again cannot help.
     */
    UNKNOWN_RUN(false),
    /** The journal could not record the run, so it was not accepted. */
    JOURNAL_UNAVAILABLE(true),
    /** The backend is shutting down and takes no new runs. */
    SHUTTING_DOWN(true),
    /** The host stopped waiting for a synchronized run's answer. */
    INTERRUPTED(true);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    /** Returns whether delivering the same run again later can succeed. */
    public boolean isRetryable() {
      return retryable;
    }

    /** Returns the snake_case code, for example {@code no_handler}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How a synchronized run ended: its final status, why, and the summary and label to show.
   *
   * @param status SUCCESS or FAILURE
   * @param cause why the run ended so
   * @param summary the run's summary, or null
   * @param statusLabel the run's status label, or null
   * @param output a workflow node run's output on SUCCESS (the answer's body, which Port keeps as
   *     the node's {@code output.response.data}), or null
   */
  record SyncResult(
      FinalStatus status,
      Cause cause,
      @Nullable String summary,
      @Nullable String statusLabel,
      @Nullable ObjectNode output) {
    /** Validates the components and copies the output. */
    public SyncResult {
      Objects.requireNonNull(status, "status == null");
      Objects.requireNonNull(cause, "cause == null");
      output = output == null ? null : output.deepCopy();
    }

    /** Returns the result of an action run (no output). */
    public SyncResult(
        FinalStatus status, Cause cause, @Nullable String summary, @Nullable String statusLabel) {
      this(status, cause, summary, statusLabel, null);
    }

    /** Returns a copy of the output, or null. */
    @Override
    public @Nullable ObjectNode output() {
      return output == null ? null : output.deepCopy();
    }

    /** Why a synchronized run ended. */
    public enum Cause {
      /** The handler returned, or ended the run itself; a failure's code is {@code run_failed}. */
      HANDLER_ENDED("run_failed"),
      /** The handler threw. */
      HANDLER_ERROR("handler_error"),
      /** The run's inputs did not bind to the handler's type. */
      INVALID_INPUTS("invalid_inputs"),
      /** The handler ran past its timeout. */
      TIMEOUT("run_timeout"),
      /** The backend shut down while the handler ran. */
      SHUTDOWN("shutting_down"),
      /** A crash interrupted the run; it ended when the backend started again. */
      RESTARTED("backend_restarted"),
      /** No handler is registered for the action. */
      NO_HANDLER("no_handler");

      private final String code;

      Cause(String code) {
        this.code = code;
      }

      /** Returns the error code an adapter reports for a FAILURE with this cause. */
      public String code() {
        return code;
      }
    }

    /**
     * Returns the JSON an adapter sends back: {@code ok}, {@code runId}, {@code status}, the error
     * code when it failed, the summary (as {@code message} when it failed) and the label.
     */
    public JsonNode toJson(String runId) {
      boolean ok = status == FinalStatus.SUCCESS;
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("ok", ok).put("runId", runId).put("status", status.name());
      if (!ok) {
        body.put("error", cause.code());
      }
      if (summary != null) {
        body.put(ok ? "summary" : "message", summary);
      }
      if (statusLabel != null) {
        body.put("statusLabel", statusLabel);
      }
      return body;
    }
  }
}
