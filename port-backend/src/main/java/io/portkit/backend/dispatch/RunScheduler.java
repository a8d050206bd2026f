package io.portkit.backend.dispatch;

import io.portkit.backend.journal.HandedOffRun;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decides when each accepted run starts its handler: at once while fewer than {@code maxInFlight}
 * execute, else in arrival order as handlers end, with at most {@code maxQueued} waiting; and never
 * while an earlier run with the same concurrency key is waiting or running (at most {@code
 * maxWaitingPerKey} of the route's runs wait behind one key). A run handed off to another system
 * gives back its handler slot when its handler returns but keeps its key until the hand-off ends
 * ({@link #release}), across restarts too ({@link #hold}; ADR 0238).
 *
 * <p>A run is first {@link #reserve reserved} (counted against the bounds, so a burst cannot
 * overshoot them while journal writes are going on), then {@link #commit committed} once its
 * acceptance is on disk, or {@link #cancel cancelled} if it was refused after all. Only a committed
 * run can start, so the journal's STARTED line always follows its ACCEPTED line. Runs to start are
 * handed to {@code launch} outside the lock. Thread-safe: one {@link ReentrantLock} guards all the
 * state (not a monitor: callers may be virtual threads).
 */
final class RunScheduler implements HandOffKeys {
  /**
   * What {@link #reserve} decided.
   *
   * @param refusal the answer refusing the run, or null when it was taken
   * @param queued whether it waits (false: it holds a handler slot and starts at once)
   * @param label the status label to show while it waits, or null
   */
  record Admission(@Nullable DispatchOutcome refusal, boolean queued, @Nullable String label) {}

  private final int maxInFlight;
  private final int maxQueued;
  private final Consumer<ActiveRun> launch;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<ActiveRun> ready = new ArrayDeque<>(); // guarded by lock
  private final KeyLines keys = new KeyLines(); // guarded by lock
  private int executing; // guarded by lock
  private int queued; // guarded by lock: reserved or committed, not started
  private int reservedReady; // guarded by lock
  private boolean closed; // guarded by lock

  /** {@code launch} hands a run that may start now to its executor; called outside the lock. */
  RunScheduler(int maxInFlight, int maxQueued, Consumer<ActiveRun> launch) {
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
    this.launch = launch;
  }

  /**
   * Reserves a handler slot or a place in a queue for {@code run}. {@code mayQueue} false (a
   * synchronized action, whose answer is awaited) takes a slot or nothing; {@code bounded} false (a
   * run recovered from the journal, taken before the crash) is never refused.
   */
  Admission reserve(ActiveRun run, boolean mayQueue, boolean bounded) {
    lock.lock();
    try {
      if (closed) {
        return new Admission(InFlightRuns.shuttingDown(run.runId()), false, null);
      }
      String key = run.concurrencyKey();
      KeyLines.Line line = keys.busy(key);
      if (line != null) {
        int behind = line.behind();
        int limit = run.route().options().maxWaitingPerKey();
        if (bounded && behind >= limit) {
          return refuse(RunQueueMessages.keyFull(run, key, limit));
        }
        if (bounded && queued >= maxQueued) {
          return refuse(RunQueueMessages.queueFull(run, maxInFlight, maxQueued));
        }
        line.reserved++;
        queued++;
        run.place = QueuePlace.RESERVED_KEY;
        return new Admission(null, true, RunQueueMessages.keyLabel(line.owner, key, behind));
      }
      if (executing < maxInFlight && ready.isEmpty() && reservedReady == 0) {
        executing++;
        run.place = QueuePlace.EXECUTING;
        own(key, run);
        return new Admission(null, false, null);
      }
      if (!mayQueue) {
        return refuse(RunQueueMessages.syncSaturated(run, maxInFlight));
      }
      if (bounded && queued >= maxQueued) {
        return refuse(RunQueueMessages.queueFull(run, maxInFlight, maxQueued));
      }
      int ahead = ready.size() + reservedReady;
      queued++;
      reservedReady++;
      run.place = QueuePlace.RESERVED_READY;
      own(key, run);
      return new Admission(null, true, RunQueueMessages.queueLabel(ahead));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts a reserved, now durably accepted run in its queue (a run holding a slot needs nothing),
   * and starts what may start.
   *
   * @return false if the scheduler closed meanwhile: the run was not queued, the caller settles it
   *     as the shutdown settles the runs it finds waiting
   */
  boolean commit(ActiveRun run) {
    List<ActiveRun> start;
    lock.lock();
    try {
      if (closed && run.place != QueuePlace.EXECUTING) {
        remove(run);
        return false;
      }
      switch (run.place) {
        case RESERVED_READY -> {
          reservedReady--;
          ready.add(run);
          run.place = QueuePlace.READY;
        }
        case RESERVED_KEY -> {
          KeyLines.Line line = keys.of(run.concurrencyKey());
          line.reserved--;
          if (line.owner == null && line.waiting.isEmpty()) {
            line.owner = run.runId();
            ready.add(run);
            run.place = QueuePlace.READY;
          } else {
            line.waiting.add(run);
            run.place = QueuePlace.KEY_WAITING;
          }
        }
        default -> {}
      }
      start = pump();
    } finally {
      lock.unlock();
    }
    start.forEach(launch);
    return true;
  }

  /** Gives back what {@link #reserve} took for a run refused after all (the journal refused it). */
  void cancel(ActiveRun run) {
    settle(run);
  }

  /**
   * Takes a run that is still waiting out of its queue (its timeout passed).
   *
   * @return what it waited for, for its FAILURE summary; null if it was no longer waiting
   */
  @Nullable String withdraw(ActiveRun run) {
    List<ActiveRun> start;
    String waitedFor;
    lock.lock();
    try {
      waitedFor =
          switch (run.place) {
            case READY, RESERVED_READY -> "a free handler slot (maxInFlight=" + maxInFlight + ")";
            case KEY_WAITING, RESERVED_KEY ->
                RunQueueMessages.keyWait(keys.of(run.concurrencyKey()).owner, run.concurrencyKey());
            default -> null;
          };
      if (waitedFor == null) {
        return null;
      }
      remove(run);
      start = pump();
    } finally {
      lock.unlock();
    }
    start.forEach(launch);
    return waitedFor;
  }

  /**
   * Frees what {@code run} held (its slot or its place, and its key unless it was handed off) and
   * starts what may start.
   */
  void settle(ActiveRun run) {
    List<ActiveRun> start;
    lock.lock();
    try {
      remove(run, run.isHandedOff());
      start = pump();
    } finally {
      lock.unlock();
    }
    start.forEach(launch);
  }

  /**
   * Holds the key of a run a restarted backend awaits again as handed off, before the journal's
   * queued runs are taken, so that none of them starts ahead of its end.
   */
  @Override
  public void hold(HandedOffRun run) {
    String key = run.concurrencyKey();
    if (key == null) {
      return;
    }
    lock.lock();
    try {
      keys.holdIfFree(key, run.runId());
    } finally {
      lock.unlock();
    }
  }

  /** Gives back the key of a handed-off run whose hand-off ended, and starts what may start. */
  @Override
  public void release(HandedOffRun run) {
    String key = run.concurrencyKey();
    if (key == null) {
      return;
    }
    List<ActiveRun> start;
    lock.lock();
    try {
      makeReady(keys.release(key, run.runId()));
      start = pump();
    } finally {
      lock.unlock();
    }
    start.forEach(launch);
  }

  /**
   * Starts no more runs and returns those waiting (committed, never started), taken out of the
   * queues in arrival order.
   */
  List<ActiveRun> close() {
    lock.lock();
    try {
      closed = true;
      List<ActiveRun> waiting = new ArrayList<>(ready);
      waiting.addAll(keys.waiting());
      waiting.forEach(run -> remove(run, false));
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many runs hold a handler slot. */
  int executing() {
    lock.lock();
    try {
      return executing;
    } finally {
      lock.unlock();
    }
  }

  /** Returns how many runs wait (for a slot or for their key). */
  int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  private Admission refuse(String message) {
    return new Admission(DispatchOutcome.saturated(message), false, null);
  }

  private void own(@Nullable String key, ActiveRun run) {
    keys.own(key, run.runId());
  }

  /** Takes {@code run} out of wherever it is, its key included; the caller holds the lock. */
  private void remove(ActiveRun run) {
    remove(run, false);
  }

  /**
   * Takes {@code run} out of wherever it is, and gives back its key unless {@code keepKey}; the
   * caller holds the lock.
   */
  private void remove(ActiveRun run, boolean keepKey) {
    switch (run.place) {
      case EXECUTING -> executing--;
      case READY -> {
        ready.remove(run);
        queued--;
      }
      case RESERVED_READY -> {
        reservedReady--;
        queued--;
      }
      case KEY_WAITING -> {
        keys.of(run.concurrencyKey()).waiting.remove(run);
        queued--;
      }
      case RESERVED_KEY -> {
        keys.of(run.concurrencyKey()).reserved--;
        queued--;
      }
      case NONE -> {
        return;
      }
    }
    run.place = QueuePlace.NONE;
    String key = run.concurrencyKey();
    if (key != null) {
      if (!keepKey) {
        makeReady(keys.release(key, run.runId()));
      }
      keys.forgetIfIdle(key);
    }
  }

  /** Queues {@code next}, which now holds its key, for a slot like any other; null: nothing. */
  private void makeReady(@Nullable ActiveRun next) {
    if (next != null) {
      next.place = QueuePlace.READY;
      ready.add(next);
    }
  }

  /** Moves runs from the queue to free slots; the caller holds the lock and launches them. */
  private List<ActiveRun> pump() {
    if (closed || ready.isEmpty() || executing >= maxInFlight) {
      return List.of();
    }
    List<ActiveRun> start = new ArrayList<>();
    while (executing < maxInFlight && !ready.isEmpty()) {
      ActiveRun run = ready.poll();
      queued--;
      executing++;
      run.place = QueuePlace.EXECUTING;
      start.add(run);
    }
    return start;
  }
}
