package io.portkit.backend.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers run ids recently taken, bounded in count and in time, so a repeated delivery is not
 * executed twice. Thread-safe.
 */
final class RecentRuns {
  private final int maxRuns;
  private final Duration ttl;
  private final Clock clock;
  // Insertion order is arrival order, so the eldest entries expire first.
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>(); // guarded by lock
  private final ReentrantLock lock = new ReentrantLock(); // not a monitor: virtual threads

  RecentRuns(int maxRuns, Duration ttl, Clock clock) {
    this.maxRuns = maxRuns;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Records {@code runId}; returns false if it is already remembered (a duplicate). */
  boolean remember(String runId) {
    Instant now = clock.instant();
    lock.lock();
    try {
      evictExpired(now);
      if (seen.containsKey(runId)) {
        return false;
      }
      seen.put(runId, now);
      if (seen.size() > maxRuns) {
        Iterator<String> eldest = seen.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets {@code runId}, so a later delivery runs it (used when it was not started). */
  void forget(String runId) {
    lock.lock();
    try {
      seen.remove(runId);
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many run ids are remembered now. */
  int size() {
    Instant now = clock.instant();
    lock.lock();
    try {
      evictExpired(now);
      return seen.size();
    } finally {
      lock.unlock();
    }
  }

  private void evictExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Instant> e = it.next();
      if (Duration.between(e.getValue(), now).compareTo(ttl) < 0) {
        return;
      }
      it.remove();
    }
  }
}
