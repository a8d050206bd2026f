package io.portkit.testkit.client;

import io.portkit.client.run.FlushScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link FlushScheduler} whose flushes run only when a test fires them: nothing sleeps. */
final class ManualFlushes implements FlushScheduler {
  final List<Duration> delays = new CopyOnWriteArrayList<>();
  private final Queue<Runnable> due = new ConcurrentLinkedQueue<>();

  @Override
  public void schedule(Duration delay, Runnable flush) {
    delays.add(delay);
    due.add(flush);
  }

  /** Runs the oldest scheduled flush; returns false when none was scheduled. */
  boolean fireNext() {
    Runnable next = due.poll();
    if (next == null) {
      return false;
    }
    next.run();
    return true;
  }

  /** Runs every scheduled flush, oldest first; returns how many ran. */
  int fireAll() {
    int n = 0;
    while (fireNext()) {
      n++;
    }
    return n;
  }
}
