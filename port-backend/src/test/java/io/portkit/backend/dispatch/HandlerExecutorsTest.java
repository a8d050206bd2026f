package io.portkit.backend.dispatch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class HandlerExecutorsTest {
  @Test
  void virtualThreads_presentExactlyFromJava21() {
    ExecutorService virtual = HandlerExecutors.virtualThreads();
    try {
      assertThat(virtual != null).isEqualTo(Runtime.version().feature() >= 21);
    } finally {
      if (virtual != null) {
        virtual.shutdownNow();
      }
    }
  }

  @Test
  void boundedPool_runsTasksOnDaemonThreads() throws Exception {
    ExecutorService pool = HandlerExecutors.boundedPool(2);
    try {
      CompletableFuture<Thread> thread = new CompletableFuture<>();
      pool.execute(() -> thread.complete(Thread.currentThread()));

      Thread t = thread.get(5, SECONDS);
      assertThat(t.isDaemon()).isTrue();
      assertThat(t.getName()).startsWith("portkit-run-");
    } finally {
      pool.shutdownNow();
    }
  }
}
