package io.portkit.examples.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowlistExpirySchedulerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at(T0);
  private final ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private TemporaryAllowlist newAllowlist() {
    return TemporaryAllowlist.builder().snippetFile(dir.resolve("allow.conf")).clock(clock).build();
  }

  @Test
  void start_entryExpiredWhileDown_removesAtOnceAndReportsIt() throws Exception {
    newAllowlist().grant("203.0.113.7", "r_1", Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(6));
    CompletableFuture<List<AllowlistEntry>> expired = new CompletableFuture<>();

    try (AllowlistExpiryScheduler scheduler =
        new AllowlistExpiryScheduler(
            newAllowlist(), executor, clock, Duration.ofHours(1), expired::complete)) {
      scheduler.start();
      assertThat(expired.get(5, TimeUnit.SECONDS))
          .extracting(AllowlistEntry::identifier)
          .containsExactly("access_203-0-113-7_r_1");
    }
  }

  @Test
  void start_clockAdvancedPastExpiry_nextCheckRemovesEntry() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(5));
    CompletableFuture<List<AllowlistEntry>> expired = new CompletableFuture<>();

    try (AllowlistExpiryScheduler scheduler =
        new AllowlistExpiryScheduler(
            allowlist, executor, clock, Duration.ofMillis(5), expired::complete)) {
      scheduler.start();
      clock.advance(Duration.ofMinutes(5));
      assertThat(expired.get(5, TimeUnit.SECONDS)).hasSize(1);
    }
    assertThat(allowlist.entries()).isEmpty();
  }

  @Test
  void start_callbackThrows_keepsChecking() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(1));
    allowlist.grant("203.0.113.8", "r_2", Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(1));
    CompletableFuture<List<AllowlistEntry>> second = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();

    try (AllowlistExpiryScheduler scheduler =
        new AllowlistExpiryScheduler(
            allowlist,
            executor,
            clock,
            Duration.ofMillis(5),
            removed -> {
              if (calls.incrementAndGet() == 1) {
                clock.advance(Duration.ofMinutes(1));
                throw new IllegalStateException("Port is down");
              }
              second.complete(removed);
            })) {
      scheduler.start();
      assertThat(second.get(5, TimeUnit.SECONDS))
          .extracting(AllowlistEntry::runId)
          .containsExactly("r_2");
    }
  }

  @Test
  void start_withGrace_removesOnlyWhatExpiredAGraceAgo_thenTheRestWhenTheirGracePasses()
      throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(5));
    allowlist.grant("203.0.113.8", "r_2", Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(11)); // r_1 expired 6 min ago, r_2 1 min ago
    java.util.concurrent.BlockingQueue<List<AllowlistEntry>> removed =
        new java.util.concurrent.LinkedBlockingQueue<>();

    try (AllowlistExpiryScheduler scheduler =
        new AllowlistExpiryScheduler(
            allowlist,
            executor,
            clock,
            Duration.ofMillis(5),
            Duration.ofMinutes(2),
            removed::add)) {
      scheduler.start();
      assertThat(removed.poll(5, TimeUnit.SECONDS))
          .extracting(AllowlistEntry::runId)
          .containsExactly("r_1");
      assertThat(allowlist.entries()).extracting(AllowlistEntry::runId).containsExactly("r_2");
      clock.advance(Duration.ofMinutes(1));
      assertThat(removed.poll(5, TimeUnit.SECONDS))
          .extracting(AllowlistEntry::runId)
          .containsExactly("r_2");
    }
  }

  @Test
  void delayUntilNextCheck_withGrace_waitsUntilExpiryPlusGrace() {
    TemporaryAllowlist allowlist = newAllowlist();
    AllowlistExpiryScheduler scheduler =
        new AllowlistExpiryScheduler(
            allowlist, executor, clock, Duration.ofHours(1), Duration.ofMinutes(2), r -> {});
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(5));
    assertThat(scheduler.delayUntilNextCheck(T0)).isEqualTo(Duration.ofMinutes(7));
    assertThat(scheduler.delayUntilNextCheck(T0.plusSeconds(6 * 60)))
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void delayUntilNextCheck_boundedByNextExpiryAndCheckEvery() {
    TemporaryAllowlist allowlist = newAllowlist();
    AllowlistExpiryScheduler scheduler =
        new AllowlistExpiryScheduler(
            allowlist, executor, clock, Duration.ofMinutes(1), removed -> {});
    assertThat(scheduler.delayUntilNextCheck(T0)).isEqualTo(Duration.ofMinutes(1));
    allowlist.grant("203.0.113.7", "r_1", Duration.ofSeconds(20));
    assertThat(scheduler.delayUntilNextCheck(T0)).isEqualTo(Duration.ofSeconds(20));
    assertThat(scheduler.delayUntilNextCheck(T0.plusSeconds(30))).isEqualTo(Duration.ZERO);
  }
}
