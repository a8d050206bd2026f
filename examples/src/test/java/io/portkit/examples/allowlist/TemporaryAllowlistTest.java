package io.portkit.examples.allowlist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.testkit.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryAllowlistTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final String HEADER =
      "# Managed by portkit: temporary allowlist, rewritten on every change; do not edit.\n";

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at(T0);

  private TemporaryAllowlist newAllowlist() {
    return TemporaryAllowlist.builder()
        .snippetFile(dir.resolve("nginx/allow.conf"))
        .clock(clock)
        .build();
  }

  private String snippet() throws Exception {
    return Files.readString(dir.resolve("nginx/allow.conf"), UTF_8);
  }

  @Test
  void build_noState_writesSnippetThatDeniesAll() throws Exception {
    newAllowlist();
    assertThat(snippet()).isEqualTo(HEADER + "deny all;\n");
  }

  @Test
  void grant_twoRanges_writesExactSnippetSortedByExpiry() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("198.51.100.0/24", "r_2", Duration.ofHours(2));
    allowlist.grant(" 2001:DB8::1 ", "r_1", Duration.ofMinutes(30));

    assertThat(snippet())
        .isEqualTo(
            HEADER
                + "allow 2001:db8::1;  # expires 2026-01-01T10:30:00Z, run r_1\n"
                + "allow 198.51.100.0/24;  # expires 2026-01-01T12:00:00Z, run r_2\n"
                + "deny all;\n");
  }

  @Test
  void grant_validInput_returnsWhatTheEntityNeeds() {
    TemporaryAccess access = newAllowlist().grant("203.0.113.7", "r_abc", Duration.ofHours(1));

    assertThat(access)
        .isEqualTo(
            new TemporaryAccess(
                "access_203-0-113-7_r_abc",
                "203.0.113.7",
                "r_abc",
                Instant.parse("2026-01-01T11:00:00Z"),
                dir.resolve("nginx/allow.conf")));
    assertThat(access.properties())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("ip", "203.0.113.7"),
            org.assertj.core.api.Assertions.entry("expires_at", "2026-01-01T11:00:00Z"),
            org.assertj.core.api.Assertions.entry("run_id", "r_abc"),
            org.assertj.core.api.Assertions.entry(
                "allowlist_file", dir.resolve("nginx/allow.conf").toString()));
  }

  @Test
  void grant_sameRangeSameRunTwice_replacesEntry() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(10));
    allowlist.grant("203.0.113.7/32", "r_1", Duration.ofMinutes(20));

    assertThat(allowlist.entries()).hasSize(1);
    assertThat(snippet())
        .isEqualTo(
            HEADER
                + "allow 203.0.113.7;  # expires 2026-01-01T10:20:00Z, run r_1\n"
                + "deny all;\n");
  }

  @Test
  void grant_invalidInputs_throwWithoutChangingFiles() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    assertThatThrownBy(() -> allowlist.grant("0.0.0.0/0", "r_1", Duration.ofHours(1)))
        .isInstanceOf(InvalidIpRangeException.class)
        .hasMessage(
            "'0.0.0.0/0' is too broad: it allows every IPv4 address; give a narrower range");
    assertThatThrownBy(() -> allowlist.grant("203.0.113.7", "r_1\nallow all;", Duration.ofHours(1)))
        .isInstanceOf(AllowlistException.class)
        .hasMessage(
            "invalid run id 'r_1\nallow all;': use 1 to 100 letters, digits, '_', '.' or '-'");
    assertThatThrownBy(() -> allowlist.grant("203.0.113.7", "r_1", Duration.ofHours(25)))
        .isInstanceOf(AllowlistException.class)
        .hasMessage("access duration must be more than 0 and at most PT24H: PT25H");
    assertThatThrownBy(() -> allowlist.grant("203.0.113.7", "r_1", Duration.ZERO))
        .isInstanceOf(AllowlistException.class)
        .hasMessage("access duration must be more than 0 and at most PT24H: PT0S");
    assertThat(snippet()).isEqualTo(HEADER + "deny all;\n");
  }

  @Test
  void grant_allAddressesAllowedByBuilder_accepts() {
    TemporaryAllowlist allowlist =
        TemporaryAllowlist.builder()
            .snippetFile(dir.resolve("a.conf"))
            .clock(clock)
            .allowAllAddresses(true)
            .build();
    assertThat(allowlist.grant("::/0", "r_1", Duration.ofHours(1)).identifier())
        .isEqualTo("access_---0_r_1");
  }

  @Test
  void expireDue_clockPastExpiry_removesOnlyDueEntriesAndRewritesSnippet() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(10));
    allowlist.grant("203.0.113.8", "r_2", Duration.ofMinutes(30));

    clock.advance(Duration.ofMinutes(9));
    assertThat(allowlist.expireDue()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<AllowlistEntry> removed = allowlist.expireDue();

    assertThat(removed)
        .extracting(AllowlistEntry::identifier)
        .containsExactly("access_203-0-113-7_r_1");
    assertThat(allowlist.entries())
        .extracting(AllowlistEntry::identifier)
        .containsExactly("access_203-0-113-8_r_2");
    assertThat(allowlist.nextExpiry()).contains(Instant.parse("2026-01-01T10:30:00Z"));
    assertThat(snippet())
        .isEqualTo(
            HEADER
                + "allow 203.0.113.8;  # expires 2026-01-01T10:30:00Z, run r_2\n"
                + "deny all;\n");
  }

  @Test
  void build_existingState_reReadsEntriesAndExpiresThemAfterRestart() throws Exception {
    newAllowlist().grant("203.0.113.7", "r_1", Duration.ofMinutes(10));
    Files.delete(dir.resolve("nginx/allow.conf")); // a crash between the two writes

    TemporaryAllowlist restarted = newAllowlist();
    assertThat(restarted.entries())
        .containsExactly(
            new AllowlistEntry(
                "access_203-0-113-7_r_1",
                "203.0.113.7",
                "r_1",
                T0,
                Instant.parse("2026-01-01T10:10:00Z")));
    assertThat(snippet()).contains("allow 203.0.113.7;");

    clock.advance(Duration.ofHours(1));
    assertThat(restarted.expireDue()).hasSize(1);
    assertThat(snippet()).isEqualTo(HEADER + "deny all;\n");
    assertThat(newAllowlist().entries()).isEmpty();
  }

  @Test
  void build_corruptState_throwsNamingFile() throws Exception {
    Path state = dir.resolve("nginx/allow.conf.state.json");
    Files.createDirectories(state.getParent());
    Files.writeString(
        state,
        "{\"version\":1,\"entries\":[{\"identifier\":\"x\",\"range\":"
            + "\"1.2.3.4; allow all\",\"runId\":\"r\",\"grantedAt\":\"2026-01-01T00:00:00Z\","
            + "\"expiresAt\":\"2026-01-01T01:00:00Z\"}]}");
    assertThatThrownBy(this::newAllowlist)
        .isInstanceOf(AllowlistException.class)
        .hasMessage(
            "allowlist state "
                + state
                + " has an invalid entry x: '1.2.3.4; allow all'"
                + " is not an IP address: give a literal IPv4 or IPv6 address (host names are not"
                + " looked up); fix or delete the file");
  }

  @Test
  void grant_stateFileCannotBeReplaced_failsLeavingOldFilesAndNoTempFiles() throws Exception {
    Path state = dir.resolve("state-dir");
    TemporaryAllowlist allowlist =
        TemporaryAllowlist.builder()
            .snippetFile(dir.resolve("allow.conf"))
            .stateFile(state)
            .clock(clock)
            .build();
    allowlist.grant("203.0.113.7", "r_1", Duration.ofMinutes(10));
    String before = Files.readString(dir.resolve("allow.conf"));
    Files.delete(state);
    Files.createDirectories(state.resolve("occupied")); // a non-empty directory cannot be replaced

    assertThatThrownBy(() -> allowlist.grant("203.0.113.8", "r_2", Duration.ofMinutes(10)))
        .isInstanceOf(AllowlistException.class)
        .hasMessageStartingWith(
            "cannot write allowlist files " + state + " and " + dir.resolve("allow.conf") + ": ");
    assertThat(Files.readString(dir.resolve("allow.conf"))).isEqualTo(before);
    assertThat(allowlist.entries()).hasSize(1);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void grant_concurrentRuns_allEntriesPersisted() throws Exception {
    TemporaryAllowlist allowlist = newAllowlist();
    int runs = 16;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<TemporaryAccess>> results = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        String ip = "203.0.113." + i;
        String run = "r_" + i;
        Callable<TemporaryAccess> grant =
            () -> {
              go.await();
              return allowlist.grant(ip, run, Duration.ofMinutes(5));
            };
        results.add(pool.submit(grant));
      }
      go.countDown();
      for (Future<TemporaryAccess> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(allowlist.entries()).hasSize(runs);
    assertThat(newAllowlist().entries()).hasSize(runs);
    assertThat(snippet().lines().filter(l -> l.startsWith("allow "))).hasSize(runs);
  }

  @Test
  void build_noSnippetFile_throwsSayingWhatToCall() {
    assertThatThrownBy(() -> TemporaryAllowlist.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("snippetFile required: call snippetFile(Path) with the file nginx includes");
  }
}
