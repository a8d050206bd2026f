package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.dispatch.DispatchOutcome.SyncResult;
import io.portkit.backend.dispatch.DispatchOutcome.SyncResult.Cause;
import io.portkit.backend.invocation.InputBindingException;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunOutcome;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended, as the dispatcher reports it: the final status, label and summary for Port's
 * API, and the cause a synchronized action's answer carries. Immutable.
 */
record Ending(FinalStatus status, String label, String summary, Cause cause) {
  /** The label set on runs the backend failed because it was shutting down. */
  static final String SHUTDOWN_LABEL = "backend shut down";

  /** The label set on runs a crashed backend left unfinished, failed when it started again. */
  static final String RESTARTED_LABEL = "backend restarted";

  /** The label set on runs that ran past the timeout. */
  static final String TIMEOUT_LABEL = "timed out";

  /** The label set on runs whose handler threw. */
  static final String HANDLER_FAILED_LABEL = "handler failed";

  /** The label set on runs whose inputs did not bind to the handler's type. */
  static final String INVALID_INPUTS_LABEL = "invalid inputs";

  /** The label set on runs of actions without a handler. */
  static final String NO_HANDLER_LABEL = "no handler";

  private static final int MAX_SUMMARY_CHARS = 2000;

  static Ending success(String summary, String label) {
    return new Ending(FinalStatus.SUCCESS, label, summary, Cause.HANDLER_ENDED);
  }

  static Ending of(RunOutcome outcome) {
    return outcome.isSuccess()
        ? success(outcome.summary(), outcome.statusLabel())
        : new Ending(
            FinalStatus.FAILURE, outcome.statusLabel(), outcome.summary(), Cause.HANDLER_ENDED);
  }

  static Ending handlerError(Throwable error) {
    String message = error.getMessage();
    String summary =
        "handler failed: "
            + error.getClass().getSimpleName()
            + (message == null || message.isBlank() ? "" : ": " + message);
    return new Ending(
        FinalStatus.FAILURE, HANDLER_FAILED_LABEL, truncate(summary), Cause.HANDLER_ERROR);
  }

  static Ending invalidInputs(InputBindingException error) {
    return new Ending(
        FinalStatus.FAILURE,
        INVALID_INPUTS_LABEL,
        truncate(error.getMessage()),
        Cause.INVALID_INPUTS);
  }

  static Ending timeout(Duration timeout) {
    return new Ending(
        FinalStatus.FAILURE,
        TIMEOUT_LABEL,
        "run timed out after "
            + human(timeout)
            + " and its handler was interrupted: make the work shorter or raise the dispatcher's"
            + " timeout",
        Cause.TIMEOUT);
  }

  /** The label set on runs that waited, in the queue or for their concurrency key, too long. */
  static final String WAITED_TOO_LONG_LABEL = "waited too long";

  /** The label set on runs whose concurrency key could not be computed. */
  static final String NO_KEY_LABEL = "no concurrency key";

  /** The label set on runs whose start could not be recorded in the journal. */
  static final String JOURNAL_FAILED_LABEL = "journal unavailable";

  static Ending waitedTooLong(Duration timeout, String waitedFor) {
    return new Ending(
        FinalStatus.FAILURE,
        WAITED_TOO_LONG_LABEL,
        truncate(
            "run waited "
                + human(timeout)
                + " for "
                + waitedFor
                + " and never started: its timeout counts from acceptance; run the action again,"
                + " raise the handler's timeout or maxInFlight"),
        Cause.TIMEOUT);
  }

  static Ending keyFailed(Throwable error) {
    return new Ending(
        FinalStatus.FAILURE,
        NO_KEY_LABEL,
        truncate(
            "the handler's concurrency key could not be computed from the run ("
                + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage())
                + "), so it was not started: fix the key function or the run's inputs"),
        Cause.HANDLER_ERROR);
  }

  static Ending startNotJournaled(String why) {
    return new Ending(
        FinalStatus.FAILURE,
        JOURNAL_FAILED_LABEL,
        truncate(
            "the backend could not record in its run journal that the run starts ("
                + why
                + "), so it did not start it: fix the journal's disk and run the action again"),
        Cause.HANDLER_ERROR);
  }

  static Ending shutdown() {
    return new Ending(
        FinalStatus.FAILURE,
        SHUTDOWN_LABEL,
        "the backend shut down before the run finished: run the action again",
        Cause.SHUTDOWN);
  }

  static Ending restarted() {
    return new Ending(
        FinalStatus.FAILURE,
        RESTARTED_LABEL,
        "the backend restarted before the run finished (it stopped without shutting down, for"
            + " example killed or out of memory): run the action again",
        Cause.RESTARTED);
  }

  static Ending noHandler(String action, String registered) {
    return noHandler("action", action, registered, "handle");
  }

  /**
   * Returns the ending of a run nothing is registered for: {@code kind} ("action", "workflow node")
   * {@code name}, and how to register one ({@code register}, for example {@code handle}).
   */
  static Ending noHandler(String kind, String name, String registered, String register) {
    return new Ending(
        FinalStatus.FAILURE,
        NO_HANDLER_LABEL,
        "no handler for "
            + kind
            + " "
            + name
            + ": register one with "
            + register
            + "(\""
            + name
            + "\", ...) or set a defaultHandler; registered: "
            + registered,
        Cause.NO_HANDLER);
  }

  /** Returns how a {@link RunListener} sees this ending. */
  EndedRun.Result result() {
    if (status == FinalStatus.SUCCESS) {
      return EndedRun.Result.SUCCESS;
    }
    return switch (cause) {
      case TIMEOUT -> EndedRun.Result.TIMEOUT;
      case SHUTDOWN -> EndedRun.Result.SHUTDOWN;
      default -> EndedRun.Result.FAILURE;
    };
  }

  /** The label set on runs whose hand-off was refused. */
  static final String HAND_OFF_REFUSED_LABEL = "hand-off refused";

  static Ending handOffRefused(String why) {
    return new Ending(
        FinalStatus.FAILURE, HAND_OFF_REFUSED_LABEL, truncate(why), Cause.HANDLER_ENDED);
  }

  /**
   * Returns the answer that gives Port this ending for a synchronized run; {@code output} (a
   * workflow node's, on success) becomes the answer's body.
   */
  DispatchOutcome toSyncAnswer(@Nullable ObjectNode output) {
    return DispatchOutcome.completed(new SyncResult(status, cause, summary, label, output));
  }

  static String human(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String truncate(String s) {
    return s.length() <= MAX_SUMMARY_CHARS ? s : s.substring(0, MAX_SUMMARY_CHARS) + "...";
  }
}
