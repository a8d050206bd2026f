package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs a {@link RunDispatcher} holds, at most {@code maxInFlight} of them. Once closed it
 * admits no run, and a caller can wait, bounded, until the last one leaves. Thread-safe: one lock
 * guards the runs and the closed flag, so a run is never admitted after {@link #close()} returns.
 */
final class InFlightRuns {
  private static final Logger log = LoggerFactory.getLogger(InFlightRuns.class);

  private final int maxInFlight;
  private final Object lock = new Object();
  private final Map<String, ActiveRun> runs = new LinkedHashMap<>(); // guarded by lock
  private boolean closed; // guarded by lock

  InFlightRuns(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /**
   * Admits {@code run}, or says why not: the dispatcher is shutting down (503 {@code
   * shutting_down}) or {@code maxInFlight} runs are already held (503 {@code saturated}).
   *
   * @return null when admitted, else the refusal to answer with
   */
  @Nullable DispatchOutcome admit(ActiveRun run) {
    synchronized (lock) {
      if (closed) {
        return shuttingDown(run.runId());
      }
      if (runs.size() >= maxInFlight) {
        log.warn("run {} refused: {} runs in flight (maxInFlight)", run.runId(), maxInFlight);
        return DispatchOutcome.saturated(
            maxInFlight
                + " runs are in flight (maxInFlight="
                + maxInFlight
                + "): run "
                + run.runId()
                + " was not started; run the action again later or raise maxInFlight");
      }
      runs.put(run.runId(), run);
      return null;
    }
  }

  /**
   * Holds a run recovered from the journal. No bound applies: those runs were already taken before
   * the crash, and refusing one now would leave it unfinished in Port.
   */
  void hold(ActiveRun run) {
    synchronized (lock) {
      runs.put(run.runId(), run);
    }
  }

  /** Lets {@code run} go (if it is still the one held under its id) and wakes the waiters. */
  void leave(ActiveRun run) {
    synchronized (lock) {
      runs.remove(run.runId(), run);
      lock.notifyAll();
    }
  }

  /** Returns how many runs are held. */
  int size() {
    synchronized (lock) {
      return runs.size();
    }
  }

  /** Admits no more runs; those held stay until they leave. */
  void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  /** Returns whether {@link #close()} was called. */
  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Returns the runs held now, in arrival order. */
  List<ActiveRun> snapshot() {
    synchronized (lock) {
      return new ArrayList<>(runs.values());
    }
  }

  /**
   * Waits until no run is held, at most {@code grace}.
   *
   * @return true if none is left; false on timeout or interrupt (the interrupt flag is kept)
   */
  boolean awaitEmpty(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      while (!runs.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** The answer to a delivery that arrives while the dispatcher is shutting down. */
  static DispatchOutcome shuttingDown(String runId) {
    return DispatchOutcome.rejected(
        DispatchOutcome.Reason.SHUTTING_DOWN,
        "the backend is shutting down: run " + runId + " was not started; run the action again");
  }
}
