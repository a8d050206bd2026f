package io.portkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonFlushSchedulerTest {
  @Test
  void schedule_runsTheFlushOnADaemonSenderThread() throws Exception {
    try (DaemonFlushScheduler scheduler = new DaemonFlushScheduler()) {
      CompletableFuture<Thread> ran = new CompletableFuture<>();

      scheduler.schedule(Duration.ofMillis(1), () -> ran.complete(Thread.currentThread()));

      Thread thread = ran.get(10, TimeUnit.SECONDS);
      assertThat(thread.isDaemon()).isTrue();
      assertThat(thread.getName()).startsWith("portkit-flush-");
    }
  }

  @Test
  void close_scheduledFlushesStillRun_newOnesRefused() throws Exception {
    DaemonFlushScheduler scheduler = new DaemonFlushScheduler();
    CompletableFuture<Boolean> ran = new CompletableFuture<>();
    scheduler.schedule(Duration.ofMillis(1), () -> ran.complete(true));

    scheduler.close();

    assertThat(ran.get(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> scheduler.schedule(Duration.ofMillis(1), () -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
