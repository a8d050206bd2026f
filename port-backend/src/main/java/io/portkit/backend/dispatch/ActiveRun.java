package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

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
  private final long takenAtNanos = System.nanoTime();
  private volatile Future<?> timeout;
  private volatile @Nullable Ending ending;
  private volatile boolean handedOff;
  private volatile boolean recovered;
  private volatile @Nullable String concurrencyKey;
  private volatile @Nullable QueueLabel label;
  private volatile long queuedAtNanos;
  // How long a recovered run had waited in the process before the restart.
  private volatile Duration waitedBefore = Duration.ZERO;
  QueuePlace place = QueuePlace.NONE; // guarded by the RunScheduler's lock

  ActiveRun(RunInvocation invocation, Route route, RunContext context) {
    this.invocation = invocation;
    this.route = route;
    this.context = context;
  }

  /**
   * Returns the run of {@code invocation} on {@code route}, with the concurrency key its options
   * compute; when that throws, the run is routed to ending FAILURE saying so, never unkeyed.
   */
  static ActiveRun of(RunInvocation invocation, Route route, RunContext context) {
    var keyOf = route.options().concurrencyKey();
    if (keyOf == null) {
      return new ActiveRun(invocation, route, context);
    }
    String key;
    try {
      key = keyOf.apply(invocation);
    } catch (RuntimeException e) {
      return new ActiveRun(invocation, Route.failing(route.action(), Ending.keyFailed(e)), context);
    }
    ActiveRun run = new ActiveRun(invocation, route, context);
    run.concurrencyKey(key == null || key.isBlank() ? null : key); // shared by every action
    return run;
  }

  /** Sets the key of the runs this one must not overlap with, before it is scheduled. */
  void concurrencyKey(@Nullable String key) {
    this.concurrencyKey = key;
  }

  /** Returns the concurrency key, or null when the run may overlap with any other. */
  @Nullable String concurrencyKey() {
    return concurrencyKey;
  }

  /** Records that the run waits (in the queue or for its key) from now. */
  void markQueued() {
    this.queuedAtNanos = System.nanoTime();
  }

  /** Returns whether the run waited before its handler started. */
  boolean wasQueued() {
    return queuedAtNanos != 0;
  }

  /** Returns how long the run has waited so far, or waited before it started. */
  Duration waited() {
    return waitedBefore.plusNanos(System.nanoTime() - queuedAtNanos);
  }

  /** Records how long a run queued again after a restart had waited before it (ADR 0239). */
  void waitedBefore(Duration waited) {
    this.waitedBefore = waited;
  }

  /** Returns how long the run waited before this process took it: zero unless recovered. */
  Duration waitedBefore() {
    return waitedBefore;
  }

  /** Sets the label the run shows while it waits; set before the run is queued. */
  void label(QueueLabel label) {
    this.label = label;
  }

  /** Returns the label set while the run waits, or null. */
  @Nullable QueueLabel label() {
    return label;
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

  /** Returns the action: the one the body names, else the route's. */
  String action() {
    return invocation.actionIdentifier().orElse(route.action());
  }

  /** Marks this run as one a crashed process left, recovered from the journal. */
  void markRecovered() {
    this.recovered = true;
  }

  /** Marks this run as handed off by its handler: it has not ended, {@link HandOffs} awaits it. */
  void markHandedOff() {
    this.handedOff = true;
  }

  /** Returns when the dispatcher took this run, on {@link System#nanoTime()}'s scale. */
  long takenAtNanos() {
    return takenAtNanos;
  }

  /** Returns whether the handler handed this run off. */
  boolean isHandedOff() {
    return handedOff;
  }

  /**
   * Returns what a {@link RunListener} learns of this ended run, or null if it never ended (or was
   * handed off, so has not ended yet).
   */
  @Nullable EndedRun ended() {
    Ending e = ending;
    if (e == null || handedOff) {
      return null;
    }
    EndedRun.Kind kind =
        recovered
            ? EndedRun.Kind.RECOVERED
            : route.sync() ? EndedRun.Kind.SYNC : EndedRun.Kind.ASYNC;
    return new EndedRun(
        action(), kind, e.result(), Duration.ofNanos(System.nanoTime() - takenAtNanos));
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

  /** Records the ending being reported, for the journal and the listeners. */
  void endedWith(Ending ending) {
    this.ending = ending;
  }

  /** Returns the final status reported, or null if the run was never started. */
  @Nullable String endedWith() {
    Ending e = ending;
    return e == null ? null : e.status().name();
  }

  /** Returns whether someone settled this run already. */
  boolean isSettled() {
    return settled.get();
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
