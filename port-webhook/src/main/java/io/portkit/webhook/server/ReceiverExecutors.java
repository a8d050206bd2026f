package io.portkit.webhook.server;

import io.portkit.backend.internal.VirtualThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors a {@link WebhookReceiver} runs exchanges on when the application gave none.
 *
 * <p>The JDK server reads each request's line, headers and body on the executor's thread, so an
 * exchange holds a thread for as long as its client takes to send, up to {@code
 * sun.net.httpserver.maxReqTime}. Virtual threads (Java 21+) make that cheap. On Java 17 to 20 the
 * receiver used a fixed pool of max(2, cores) threads, and a few dozen connections dribbling their
 * headers took all of them (issue #12); the default there is now a pool that keeps max(2, cores)
 * threads and grows on demand to {@value #ELASTIC_MAX_THREADS}, so valid deliveries keep getting a
 * thread while slow clients wait out the bound. Threads above the core retire after 30 s idle.
 */
final class ReceiverExecutors {
  /** Most threads of the Java 17 default pool: slow connections it can absorb at once. */
  static final int ELASTIC_MAX_THREADS = 256;

  private ReceiverExecutors() {}

  /** Virtual threads when the JVM has them; else the elastic pool; {@code threads} ignored. */
  static ExecutorService defaultExecutor(int coreThreads) {
    ExecutorService virtual = VirtualThreads.newPerTaskExecutor();
    return virtual != null ? virtual : elastic(coreThreads, ELASTIC_MAX_THREADS);
  }

  /** A fixed pool of {@code threads} daemon threads, as {@code threads(n)} asks. */
  static ExecutorService fixed(int threads) {
    return Executors.newFixedThreadPool(threads, daemons());
  }

  /**
   * A pool that hands each exchange to an idle thread, else starts a new one up to {@code max}, and
   * only queues once {@code max} are busy. ({@link ThreadPoolExecutor} alone queues first and grows
   * only when the queue is full; the queue here refuses a task no idle thread takes, which makes
   * the pool grow.)
   */
  static ExecutorService elastic(int core, int max) {
    HandOffQueue queue = new HandOffQueue();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            core,
            Math.max(core, max),
            30,
            TimeUnit.SECONDS,
            queue,
            daemons(),
            (task, executor) -> {
              if (executor.isShutdown()) {
                throw new RejectedExecutionException("the receiver is closed");
              }
              queue.enqueue(task); // every thread busy: wait for one
            });
    return pool;
  }

  private static ThreadFactory daemons() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "portkit-webhook-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Accepts an offered task only when an idle worker takes it at once. */
  private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void enqueue(Runnable task) {
      super.offer(task);
    }
  }
}
