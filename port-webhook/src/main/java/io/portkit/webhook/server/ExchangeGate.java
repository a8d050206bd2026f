package io.portkit.webhook.server;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the exchanges a receiver is handling, so that closing can wait for exactly those and then
 * stop the JDK server at once. ({@code HttpServer.stop(delay)} on Java 17 to 20 waits the whole
 * delay even when nothing is in flight, JDK-8304065: 2 s for every idle receiver.) Once closed it
 * admits no exchange. Thread-safe; a lock rather than a monitor, since exchanges run on virtual
 * threads on Java 21+.
 */
final class ExchangeGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int inFlight; // guarded by lock
  private boolean closed; // guarded by lock

  /** Counts one exchange in; false once {@link #closeAndAwait} has begun. */
  boolean enter() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Counts one exchange out (only after {@link #enter()} returned true). */
  void leave() {
    lock.lock();
    try {
      if (--inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many exchanges are being handled now. */
  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Admits no more exchanges and waits until those in flight have left, at most {@code grace}.
   *
   * @return true if none was left in flight; false on timeout or interrupt (the flag is kept)
   */
  boolean closeAndAwait(Duration grace) {
    long left = grace.toNanos();
    lock.lock();
    try {
      closed = true;
      while (inFlight > 0) {
        if (left <= 0) {
          return false;
        }
        try {
          left = idle.awaitNanos(left);
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
}
