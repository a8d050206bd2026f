package io.portkit.kafka.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions a consumer holds, published by the loop thread and awaited by others.
 *
 * <p>Thread-safe.
 */
public final class AssignmentState {
  private Set<TopicPartition> partitions = Set.of(); // guarded by this

  /** Replaces the partitions held and wakes waiters. */
  public synchronized void set(Set<TopicPartition> now) {
    partitions = Set.copyOf(Objects.requireNonNull(now, "now == null"));
    notifyAll();
  }

  /** Returns the partitions held now. */
  public synchronized Set<TopicPartition> get() {
    return partitions;
  }

  /**
   * Waits until at least one partition is held, at most {@code timeout}.
   *
   * @return true if one is held; false on timeout or interruption (the flag is kept)
   */
  public synchronized boolean awaitAny(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
