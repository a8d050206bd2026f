package io.portkit.backend.dispatch;

import io.portkit.backend.journal.HandedOffRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The hand-offs a process awaits, by run id and by external id, and a bounded memory of those that
 * ended, so a second completion (or one after the deadline) is answered clearly. A run is claimed
 * (taken out) by exactly one party: a completion, its deadline, or the shutdown. Thread-safe: one
 * lock guards everything.
 */
final class PendingHandOffs {
  /** How many ended hand-offs are remembered. */
  static final int REMEMBER_ENDED = 10_000;

  /** How a hand-off ended. */
  enum How {
    COMPLETED,
    EXPIRED,
    ENDED_ELSEWHERE
  }

  /** A hand-off that ended, and with which status. */
  record Ended(HandedOffRun run, How how, String status) {}

  private final ReentrantLock lock = new ReentrantLock(); // not a monitor: virtual threads
  private final Map<String, HandedOffRun> byRun = new LinkedHashMap<>(); // guarded by lock
  private final Map<String, String> runByExternal = new HashMap<>(); // guarded by lock
  private final LinkedHashMap<String, Ended> ended = new LinkedHashMap<>(); // guarded by lock
  private final Map<String, String> endedByExternal = new HashMap<>(); // guarded by lock

  /** Adds {@code run}; returns the run id already awaiting the same external id, or null. */
  @Nullable String add(HandedOffRun run) {
    lock.lock();
    try {
      String other = runByExternal.get(run.externalRunId());
      if (other != null && !other.equals(run.runId())) {
        return other;
      }
      byRun.put(run.runId(), run);
      runByExternal.put(run.externalRunId(), run.runId());
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the awaited run with {@code externalRunId} out, or returns null. */
  @Nullable HandedOffRun claimByExternal(String externalRunId) {
    lock.lock();
    try {
      String runId = runByExternal.get(externalRunId);
      return runId == null ? null : claim(runId);
    } finally {
      lock.unlock();
    }
  }

  /** Takes the awaited run {@code runId} out, or returns null. */
  @Nullable HandedOffRun claimByRun(String runId) {
    lock.lock();
    try {
      return claim(runId);
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code runId} out if it is awaited and its deadline is not after {@code now}. */
  @Nullable HandedOffRun claimIfDue(String runId, Instant now) {
    lock.lock();
    try {
      HandedOffRun run = byRun.get(runId);
      return run == null || run.deadline().isAfter(now) ? null : claim(runId);
    } finally {
      lock.unlock();
    }
  }

  private HandedOffRun claim(String runId) {
    HandedOffRun run = byRun.remove(runId);
    if (run != null) {
      runByExternal.remove(run.externalRunId(), runId);
    }
    return run;
  }

  /** Returns the runs awaited now, in the order they were handed off. */
  List<HandedOffRun> snapshot() {
    lock.lock();
    try {
      return new ArrayList<>(byRun.values());
    } finally {
      lock.unlock();
    }
  }

  /** Remembers that {@code run} ended. */
  void ended(HandedOffRun run, How how, String status) {
    lock.lock();
    try {
      ended.put(run.runId(), new Ended(run, how, status));
      endedByExternal.put(run.externalRunId(), run.runId());
      Iterator<Ended> eldest = ended.values().iterator();
      while (ended.size() > REMEMBER_ENDED) {
        Ended gone = eldest.next();
        endedByExternal.remove(gone.run().externalRunId(), gone.run().runId());
        eldest.remove();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns how the hand-off of {@code runId} ended, if it is remembered. */
  @Nullable Ended endedRun(String runId) {
    lock.lock();
    try {
      return ended.get(runId);
    } finally {
      lock.unlock();
    }
  }

  /** Returns how the hand-off of {@code externalRunId} ended, if it is remembered. */
  @Nullable Ended endedExternal(String externalRunId) {
    lock.lock();
    try {
      String runId = endedByExternal.get(externalRunId);
      return runId == null ? null : ended.get(runId);
    } finally {
      lock.unlock();
    }
  }
}
