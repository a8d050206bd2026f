package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs a {@link RunDispatcher} holds, at most {@code maxInFlight} of them. Once closed it
 * admits no run, and a caller can wait, bounded, until the last one leaves. Thread-safe: one lock
 * guards the runs and the closed flag, so a run is never admitted after {@link #close()} returns (a
 * {@link ReentrantLock}, not a monitor: callers run on virtual threads).
 */
final class InFlightRuns {
  private static final Logger log = LoggerFactory.getLogger(InFlightRuns.class);

  private final int maxInFlight;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition emptied = lock.newCondition();
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
    lock.lock();
    try {
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
    } finally {
      lock.unlock();
    }
  }

  /**
   * Holds a run recovered from the journal. No bound applies: those runs were already taken before
   * the crash, and refusing one now would leave it unfinished in Port.
   */
  void hold(ActiveRun run) {
    lock.lock();
    try {
      runs.put(run.runId(), run);
    } finally {
      lock.unlock();
    }
  }

  /** Lets {@code run} go (if it is still the one held under its id) and wakes the waiters. */
  void leave(ActiveRun run) {
    lock.lock();
    try {
      runs.remove(run.runId(), run);
      emptied.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many runs are held. */
  int size() {
    lock.lock();
    try {
      return runs.size();
    } finally {
      lock.unlock();
    }
  }

  /** Admits no more runs; those held stay until they leave. */
  void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** Returns whether {@link #close()} was called. */
  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Returns the runs held now, in arrival order. */
  List<ActiveRun> snapshot() {
    lock.lock();
    try {
      return new ArrayList<>(runs.values());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no run is held, at most {@code grace}.
   *
   * @return true if none is left; false on timeout or interrupt (the interrupt flag is kept)
   */
  boolean awaitEmpty(Duration grace) {
    long left = grace.toNanos();
    lock.lock();
    try {
      while (!runs.isEmpty()) {
        if (left <= 0) {
          return false;
        }
        try {
          left = emptied.awaitNanos(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The answer to a delivery that arrives while the dispatcher is shutting down. */
  static DispatchOutcome shuttingDown(String runId) {
    return DispatchOutcome.rejected(
        DispatchOutcome.Reason.SHUTTING_DOWN,
        "the backend is shutting down: run " + runId + " was not started; run the action again");
  }
}
