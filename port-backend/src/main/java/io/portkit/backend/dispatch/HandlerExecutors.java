package io.portkit.backend.dispatch;

import io.portkit.backend.internal.VirtualThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the default executor for handlers: virtual threads on Java 21+, found reflectively so the
 * library still compiles for 17 (ADR 0070); a bounded pool of daemon threads otherwise.
 */
final class HandlerExecutors {
  private static final Logger log = LoggerFactory.getLogger(HandlerExecutors.class);
  private static final AtomicInteger POOLS = new AtomicInteger();

  private HandlerExecutors() {}

  /** Returns an executor able to run {@code maxThreads} handlers at once; the caller owns it. */
  static ExecutorService create(int maxThreads) {
    ExecutorService virtual = virtualThreads();
    return virtual != null ? virtual : boundedPool(maxThreads, "portkit-run-");
  }

  /**
   * Returns the executor of the reports the dispatcher makes itself (timeouts, shutdown): virtual
   * threads, or a pool of up to {@code maxThreads} that starts none until needed.
   */
  static ExecutorService reports(int maxThreads) {
    ExecutorService virtual = VirtualThreads.newPerTaskExecutor();
    return virtual != null ? virtual : boundedPool(maxThreads, "portkit-report-");
  }

  /**
   * Returns the executor of the waiting labels set on queued runs: a few daemon threads, since
   * labels are best effort and must not compete with handlers or final reports for threads.
   */
  static ExecutorService labels(int threads) {
    return boundedPool(threads, "portkit-label-");
  }

  /** Returns a virtual-thread-per-task executor, or null when this JVM has none. */
  static @Nullable ExecutorService virtualThreads() {
    ExecutorService virtual = VirtualThreads.newPerTaskExecutor();
    if (virtual == null) {
      log.debug(
          "virtual threads unavailable on Java {}; using a bounded pool",
          Runtime.version().feature());
    }
    return virtual;
  }

  static ExecutorService boundedPool(int maxThreads) {
    return boundedPool(maxThreads, "portkit-run-");
  }

  private static ExecutorService boundedPool(int maxThreads, String prefix) {
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, prefix + pool + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    // In-flight runs are bounded before submission, so the queue holds at most a few tasks whose
    // runs timed out while their threads were still unwinding.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            maxThreads, maxThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
