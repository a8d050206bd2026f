package io.portkit.testkit;

import io.portkit.client.run.RunLogEntry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link PortEmulator}'s {@code await} methods when a run does not get where the test
 * waits for it: at once when the run ends with another final status than the one awaited (no point
 * waiting out the timeout), or when the timeout passes. An {@link AssertionError}, so test
 * frameworks report it as a failed assertion; {@link #run()} gives the run's last state to assert
 * on further.
 *
 * <p>The message is short and one fact a line:
 *
 * <pre>
 * run r_MdDTHvAFQRUffHsU (action deploy) ended FAILURE, expected SUCCESS
 *   summary: Access not granted: '999.1.1.1' is not a valid IPv4 address
 *   status label: Validating
 *   webhook: 1 call, POST http://127.0.0.1:46799/ answered 202
 *   last 2 of 2 log lines:
 *     Validating the request
 *     Refused: '999.1.1.1' is not a valid IPv4 address
 * </pre>
 *
 * <p>On a timeout the first line reads {@code run r_... (action deploy) is IN_PROGRESS after PT5S,
 * expected SUCCESS}, or {@code run r_... does not exist after PT5S, expected SUCCESS}.
 */
public final class RunAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** How many of the run's last log lines the message shows. */
  public static final int LOG_LINES = 5;

  private static final int MAX_TEXT = 200;

  private final String runId;
  private final transient EmulatedRun run;
  private final boolean timedOut;

  private RunAssertionError(String runId, EmulatedRun run, boolean timedOut, String message) {
    super(message);
    this.runId = runId;
    this.run = run;
    this.timedOut = timedOut;
  }

  /** The run ended with a final status other than {@code expected}. */
  static RunAssertionError endedWith(EmulatedRun run, String expected) {
    Objects.requireNonNull(run, "run == null");
    String head = describe(run) + " ended " + run.status() + ", expected " + expected;
    return new RunAssertionError(run.id(), run, false, head + details(run));
  }

  /** {@code timeout} passed before the run reached {@code expected}; {@code run} may be null. */
  static RunAssertionError timedOut(
      String runId, EmulatedRun run, String expected, Duration timeout) {
    String head =
        run == null
            ? "run " + runId + " does not exist after " + timeout + ", expected " + expected
            : describe(run)
                + " is "
                + run.status()
                + " after "
                + timeout
                + ", expected "
                + expected;
    return new RunAssertionError(runId, run, true, run == null ? head : head + details(run));
  }

  /** Returns the id of the run awaited. */
  public String runId() {
    return runId;
  }

  /**
   * Returns the run's state when the wait ended, or empty when there was no such run (or this error
   * was deserialized: the snapshot is not serialized).
   */
  public Optional<EmulatedRun> run() {
    return Optional.ofNullable(run);
  }

  /**
   * Returns whether the timeout passed; {@code false} when the run ended otherwise than awaited.
   */
  public boolean timedOut() {
    return timedOut;
  }

  private static String describe(EmulatedRun run) {
    return "run " + run.id() + " (action " + run.action() + ")";
  }

  private static String details(EmulatedRun run) {
    StringBuilder out = new StringBuilder();
    out.append("\n  summary: ").append(orNone(run.summary()));
    out.append("\n  status label: ").append(orNone(run.statusLabel()));
    List<WebhookDelivery> calls = run.deliveries();
    if (!calls.isEmpty()) {
      WebhookDelivery last = calls.get(calls.size() - 1);
      out.append("\n  webhook: ")
          .append(calls.size())
          .append(calls.size() == 1 ? " call, " : " calls, the last ")
          .append(
              last.error() == null
                  ? last.method() + " " + last.url() + " answered " + last.status()
                  : "failed: " + shorten(last.error()));
    }
    List<RunLogEntry> logs = run.logs();
    if (logs.isEmpty()) {
      out.append("\n  log lines: none");
    } else {
      int shown = Math.min(LOG_LINES, logs.size());
      out.append("\n  last ").append(shown).append(" of ").append(logs.size());
      out.append(logs.size() == 1 ? " log line:" : " log lines:");
      for (RunLogEntry entry : logs.subList(logs.size() - shown, logs.size())) {
        out.append("\n    ").append(shorten(entry.message()));
      }
    }
    return out.toString();
  }

  private static String orNone(String text) {
    return text == null ? "(none)" : shorten(text);
  }

  // One line each, and short: a log line or summary can be long or hold newlines.
  private static String shorten(String text) {
    String line = text.replace("\r", "").replace("\n", " \\n ");
    return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT - 3) + "...";
  }
}
