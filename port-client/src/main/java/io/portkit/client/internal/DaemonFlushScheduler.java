package io.portkit.client.internal;

import io.portkit.client.run.FlushScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link FlushScheduler} of one {@link io.portkit.client.PortClient}: one daemon timer thread
 * that only hands due flushes over, and up to 8 daemon sender threads that make the Port calls, so
 * one slow call does not delay the flushes of other runs, and a burst of runs does not start a
 * thread each (a flush that waits in the queue is sent by its run's next write anyway). Idle
 * threads end after a few seconds, so a client that is never closed keeps no thread alive. {@link
 * #close()} lets the flushes already scheduled run (they are due within the coalescing delay) and
 * refuses new ones. Thread-safe.
 */
public final class DaemonFlushScheduler implements FlushScheduler, AutoCloseable {
  private static final long IDLE_SECONDS = 5;
  private static final int SENDERS = 8;

  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService senders;

  /** Creates the scheduler; no thread starts before the first flush is scheduled. */
  public DaemonFlushScheduler() {
    timer = new ScheduledThreadPoolExecutor(1, daemon("portkit-flush-timer"));
    timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    timer.setRemoveOnCancelPolicy(true);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            SENDERS,
            SENDERS,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemon("portkit-flush-"));
    pool.allowCoreThreadTimeOut(true);
    senders = pool;
  }

  @Override
  public void schedule(Duration delay, Runnable flush) {
    Objects.requireNonNull(flush, "flush == null");
    timer.schedule(() -> send(flush), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void send(Runnable flush) {
    try {
      senders.execute(flush);
    } catch (RejectedExecutionException e) {
      flush.run(); // closing: flush here rather than not at all
    }
  }

  /** Stops taking new flushes; the ones scheduled still run when due. Does not wait. */
  @Override
  public void close() {
    timer.shutdown(); // delayed tasks still run: shutdown keeps them by default
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
      t.setDaemon(true);
      return t;
    };
  }
}
