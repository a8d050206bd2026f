package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A run that ended, as a {@link RunListener} sees it: no run id, inputs or body, only what is safe
 * to aggregate (a metric tag set stays small: one value per action).
 *
 * @param action the action identifier (for a run nobody handles, the one it named)
 * @param kind how the run came in
 * @param result how it ended
 * @param duration from the moment the dispatcher took it until its ending was reported; for a
 *     handed-off run, until its hand-off ended (from the restart, for one awaited again after it)
 */
public record EndedRun(String action, Kind kind, Result result, Duration duration) {
  /** Validates the components. */
  public EndedRun {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(result, "result == null");
    Objects.requireNonNull(duration, "duration == null");
  }

  /** How a run came in. */
  public enum Kind {
    /** An asynchronous action: acknowledged at once, reported through Port's API. */
    ASYNC,
    /** A synchronized action: the answer carried the result. */
    SYNC,
    /** A run a crashed process left, ended or resumed when the backend started again. */
    RECOVERED,
    /**
     * An asynchronous run its handler handed to another system, ended by a completion, at its
     * deadline, or by a shutdown without a journal.
     */
    HANDED_OFF;

    /** Returns the lower-case name used as a metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a run ended. */
  public enum Result {
    /** SUCCESS. */
    SUCCESS,
    /**
     * FAILURE: the handler failed the run or threw, the inputs did not bind, no handler, or the
     * backend restarted.
     */
    FAILURE,
    /** FAILURE because the run passed its timeout. */
    TIMEOUT,
    /** FAILURE because the backend shut down before the run finished. */
    SHUTDOWN;

    /** Returns the lower-case name used as a metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
