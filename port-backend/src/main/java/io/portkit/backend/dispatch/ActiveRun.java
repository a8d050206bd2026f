package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run the dispatcher took and has not finished with. Exactly one party settles it, the first to
 * {@link #claim()}: the handler's task when it ends, the timeout, or the shutdown. Thread-safe.
 */
final class ActiveRun {
  private final RunInvocation invocation;
  private final Route route;
  private final RunContext context;
  private final CompletableFuture<DispatchOutcome> answer = new CompletableFuture<>();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final ReentrantLock lock = new ReentrantLock(); // not a monitor: virtual threads
  private Thread worker; // guarded by lock
  private volatile Future<?> timeout;
  private volatile String endedWith;

  ActiveRun(RunInvocation invocation, Route route, RunContext context) {
    this.invocation = invocation;
    this.route = route;
    this.context = context;
  }

  RunInvocation invocation() {
    return invocation;
  }

  String runId() {
    return invocation.runId();
  }

  Route route() {
    return route;
  }

  RunContext context() {
    return context;
  }

  /** The HTTP answer of a synchronized run, completed when it is settled. */
  CompletableFuture<DispatchOutcome> answer() {
    return answer;
  }

  void timeout(Future<?> timeout) {
    this.timeout = timeout;
  }

  void cancelTimeout() {
    Future<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
  }

  /** Records the final status being reported, for the journal. */
  void endedWith(String status) {
    this.endedWith = status;
  }

  /** Returns the final status reported, or null if the run was never started. */
  String endedWith() {
    return endedWith;
  }

  /** Returns true for the one caller that settles this run. */
  boolean claim() {
    return settled.compareAndSet(false, true);
  }

  /** Marks the current thread as the handler's; false if the run was settled before it started. */
  boolean enter() {
    lock.lock();
    try {
      if (settled.get()) {
        return false;
      }
      worker = Thread.currentThread();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Unmarks the handler's thread and clears an interrupt meant for this run only. */
  void exit() {
    lock.lock();
    try {
      worker = null;
      // A pooled thread must not carry this run's timeout interrupt into the next task.
      Thread.interrupted();
    } finally {
      lock.unlock();
    }
  }

  /** Interrupts the handler if it is still running. */
  void interrupt() {
    lock.lock();
    try {
      if (worker != null) {
        worker.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }
}
