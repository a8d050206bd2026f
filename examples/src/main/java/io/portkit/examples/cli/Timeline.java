package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.client.run.RunContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prints what handlers report, one line per event, as it happens: {@code [run] label ...}, {@code
 * log}, {@code link}, {@code entity}, and the final status. {@link #watch} wraps a run's context;
 * {@link #awaitEnd} waits until its final line is printed.
 *
 * <p>Thread-safe: lines from concurrent runs never interleave within a line.
 */
public final class Timeline {
  /** What {@link #awaitEnd} returns for a run its handler handed off (it ends later). */
  public static final String HANDED_OFF = "HANDED_OFF";

  private final PrintStream out;
  private final Map<String, CompletableFuture<String>> ends = new ConcurrentHashMap<>();

  /** Creates a timeline printing to {@code out}. */
  public Timeline(PrintStream out) {
    this.out = requireNonNull(out, "out == null");
  }

  /** Returns {@code run} printing each event it reports here. */
  public RunContext watch(RunContext run) {
    return new TimelineContext(requireNonNull(run, "run == null"), this);
  }

  void print(String runId, String kind, String text) {
    synchronized (out) {
      out.printf("  [%s] %-8s %s%n", runId, kind, text);
      out.flush();
    }
  }

  void ended(String runId, String status) {
    end(runId).complete(status);
  }

  /**
   * Waits until the run's final status has been printed.
   *
   * @return {@code SUCCESS} or {@code FAILURE}, {@link #HANDED_OFF} when the handler handed the run
   *     off, or empty text if {@code timeout} passed first
   */
  public String awaitEnd(String runId, Duration timeout) throws InterruptedException {
    return awaitEnd(runId, timeout, new CompletableFuture<>());
  }

  /**
   * Waits until the run's final status has been printed, or {@code stop} completes (Ctrl-C).
   *
   * @return {@code SUCCESS} or {@code FAILURE}, or empty text if {@code timeout} passed or {@code
   *     stop} completed first
   */
  public String awaitEnd(String runId, Duration timeout, CompletableFuture<?> stop)
      throws InterruptedException {
    CompletableFuture<String> end = end(runId);
    try {
      CompletableFuture.anyOf(end, stop).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return end.isDone() ? end.get() : "";
    } catch (TimeoutException e) {
      return "";
    } catch (ExecutionException e) {
      throw new IllegalStateException("timeline of run " + runId + " failed", e.getCause());
    }
  }

  private CompletableFuture<String> end(String runId) {
    return ends.computeIfAbsent(runId, id -> new CompletableFuture<>());
  }
}
