package io.portkit.examples.allowlist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.testkit.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two ways an entry leaves the allowlist, Port's timer ({@code revoke}) and the fallback. */
class AllowlistRevocationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final String ID = "access_203-0-113-7_r_1";

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at(T0);

  private TemporaryAllowlist newAllowlist() {
    return TemporaryAllowlist.builder().snippetFile(dir.resolve("allow.conf")).clock(clock).build();
  }

  private String snippet() throws Exception {
    return Files.readString(dir.resolve("allow.conf"), UTF_8);
  }

  @Test
  void revoke_presentEntry_removesItAndRewritesBothFilesEvenBeforeItsExpiry() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(30));
    allowlist.grant("203.0.113.8", "r_2", Duration.ofMinutes(30));

    Optional<AllowlistEntry> removed = allowlist.revoke(ID);

    assertThat(removed).map(AllowlistEntry::range).contains("203.0.113.7");
    assertThat(allowlist.entries())
        .extracting(AllowlistEntry::runId)
        .containsExactly("r_2"); // Port's timer decides, even ahead of the local expiry
    assertThat(snippet()).doesNotContain("203.0.113.7").contains("allow 203.0.113.8;");
    assertThat(newAllowlist().entries()).extracting(AllowlistEntry::runId).containsExactly("r_2");
  }

  @Test
  void revoke_twiceOrUnknown_secondFindsNothingAndChangesNothing() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(30));
    assertThat(allowlist.revoke(ID)).isPresent();
    String after = snippet();

    assertThat(allowlist.revoke(ID)).isEmpty();
    assertThat(allowlist.revoke("access_198-51-100-1_r_9")).isEmpty();
    assertThat(snippet()).isEqualTo(after);
  }

  @Test
  void revoke_afterTheFallbackExpiredIt_findsNothing_andTheFallbackAfterRevokeFindsNothing() {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(5));
    allowlist.grant("203.0.113.8", "r_2", Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));

    assertThat(allowlist.expireDue()).extracting(AllowlistEntry::identifier).contains(ID);
    assertThat(allowlist.revoke(ID)).isEmpty();

    allowlist.grant("203.0.113.9", "r_3", Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));
    assertThat(allowlist.revoke("access_203-0-113-9_r_3")).isPresent();
    assertThat(allowlist.expireDue()).isEmpty();
  }

  @Test
  void revokeRacingTheFallback_exactlyOneGetsTheEntry() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 50; round++) {
        TemporaryAllowlist allowlist = newAllowlist();
        String run = "r_" + round;
        String id = allowlist.grant("203.0.113.7", run, Duration.ofMinutes(1)).identifier();
        clock.advance(Duration.ofMinutes(1));
        CyclicBarrier both = new CyclicBarrier(2);
        Future<Optional<AllowlistEntry>> timer =
            pool.submit(
                () -> {
                  both.await(5, TimeUnit.SECONDS);
                  return allowlist.revoke(id);
                });
        Future<List<AllowlistEntry>> fallback =
            pool.submit(
                () -> {
                  both.await(5, TimeUnit.SECONDS);
                  return allowlist.expireDue();
                });

        int got =
            (timer.get(5, TimeUnit.SECONDS).isPresent() ? 1 : 0)
                + fallback.get(5, TimeUnit.SECONDS).size();
        assertThat(got).as("round %d: revocations of one entry", round).isEqualTo(1);
        assertThat(allowlist.entries()).isEmpty();
        assertThat(newAllowlist().entries()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void expireDue_withGrace_leavesAnEntryForTheGraceAfterItsExpiry() {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(5));
    Duration grace = Duration.ofMinutes(2);

    clock.advance(Duration.ofMinutes(6)); // expired a minute ago: the automation's time
    assertThat(allowlist.expireDue(grace)).isEmpty();
    clock.advance(Duration.ofMinutes(1)); // two minutes past: the fallback's
    assertThat(allowlist.expireDue(grace))
        .extracting(AllowlistEntry::identifier)
        .containsExactly(ID);
    assertThatThrownBy(() -> allowlist.expireDue(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grace must not be negative: PT-1S");
  }
}
