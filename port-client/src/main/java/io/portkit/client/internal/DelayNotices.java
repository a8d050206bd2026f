package io.portkit.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers which runs were told that the rate limit delayed them, so each is told once. Keeps the
 * most recent {@value #CAPACITY} runs: an older run delayed again is told again, which is harmless.
 * Thread-safe.
 */
final class DelayNotices {
  static final int CAPACITY = 10_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Boolean> told =
      new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Returns true the first time it is called for {@code runId}. */
  boolean first(String runId) {
    lock.lock();
    try {
      return told.putIfAbsent(runId, Boolean.TRUE) == null;
    } finally {
      lock.unlock();
    }
  }
}
