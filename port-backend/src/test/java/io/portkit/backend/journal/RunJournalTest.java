package io.portkit.backend.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  static JournalEntry entry(String runId) {
    try {
      JsonNode body =
          MAPPER.readTree("{\"port_context\":{\"runId\":\"" + runId + "\"},\"inputs\":{\"n\":1}}");
      return new JournalEntry(runId, "deploy", body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void reopen_acceptedNotFinished_isUnfinishedWithBody() {
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.accept(entry("r_1"))).isTrue();
      assertThat(j.accept(entry("r_2"))).isTrue();
      j.finish("r_1", "SUCCESS");
    }

    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).containsExactly(entry("r_2"));
      assertThat(j.unfinished().get(0).body().path("inputs").path("n").asInt()).isEqualTo(1);
      assertThat(j.contains("r_1")).isTrue();
      assertThat(j.contains("r_2")).isTrue();
      assertThat(j.contains("r_3")).isFalse();
    }
  }

  @Test
  void accept_runIdAlreadyAcceptedOrFinished_returnsFalseEvenAfterReopen() {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.accept(entry("r_2"));
      j.finish("r_2", "FAILURE");
      assertThat(j.accept(entry("r_1"))).isFalse();
    }
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.accept(entry("r_1"))).isFalse();
      assertThat(j.accept(entry("r_2"))).isFalse();
      assertThat(j.accept(entry("r_3"))).isTrue();
    }
  }

  @Test
  void release_acceptedRun_isForgottenSoItCanBeAcceptedAgain() {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.release("r_1");
    }
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.contains("r_1")).isFalse();
      assertThat(j.unfinished()).isEmpty();
      assertThat(j.accept(entry("r_1"))).isTrue();
    }
  }

  @Test
  void finish_calledTwiceOrForUnknownRun_writesNothingMore() {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.finish("r_1", "SUCCESS");
      long size = j.sizeBytes();
      j.finish("r_1", "FAILURE");
      j.finish("r_9", "SUCCESS");
      assertThat(j.sizeBytes()).isEqualTo(size);
      assertThat(j.contains("r_9")).isFalse();
    }
  }

  @Test
  void open_tornLastLine_isIgnoredAndFileRepaired() throws IOException {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.accept(entry("r_2"));
    }
    Path file = dir.resolve("runs.journal");
    // SIGKILL mid-write: the FINISHED line of r_1 was cut short.
    String torn = new String(JournalRecord.finished("r_1", "SUCCESS").encode(MAPPER), UTF_8);
    Files.write(
        file, torn.substring(0, torn.length() - 6).getBytes(UTF_8), StandardOpenOption.APPEND);

    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1", "r_2");
      j.finish("r_1", "SUCCESS");
    }
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_2");
    }
  }

  @Test
  void open_lineWithBadChecksum_isSkippedAndLaterLinesKept() throws IOException {
    Path file = dir.resolve("runs.journal");
    String good1 = new String(JournalRecord.accepted(entry("r_1")).encode(MAPPER), UTF_8);
    String bad =
        new String(JournalRecord.accepted(entry("r_2")).encode(MAPPER), UTF_8)
            .replace("r_2", "r_X");
    String good3 = new String(JournalRecord.accepted(entry("r_3")).encode(MAPPER), UTF_8);
    Files.writeString(file, good1 + bad + "garbage\n" + good3);

    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1", "r_3");
    }
  }

  @Test
  void finish_fileGrowsPastCompactAt_rewritesLiveEntriesOnly() throws IOException {
    try (RunJournal j = RunJournal.builder(dir).compactAt(4_000).rememberFinished(5).open()) {
      for (int i = 0; i < 200; i++) {
        j.accept(entry("r_" + i));
        j.finish("r_" + i, "SUCCESS");
      }
      j.accept(entry("r_live"));

      assertThat(j.sizeBytes()).isLessThan(4_000 * 2);
      assertThat(Files.size(j.path())).isEqualTo(j.sizeBytes());
      assertThat(j.contains("r_199")).isTrue();
      assertThat(j.contains("r_0")).isFalse(); // past rememberFinished
    }
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_live");
      assertThat(j.contains("r_199")).isTrue();
    }
    assertThat(Files.exists(dir.resolve("runs.journal.tmp"))).isFalse();
  }

  @Test
  void open_directoryAlreadyOpen_failsNamingTheDirectory() {
    try (RunJournal j = RunJournal.open(dir)) {
      assertThatThrownBy(() -> RunJournal.open(dir))
          .isInstanceOf(JournalException.class)
          .hasMessage(
              "the journal in "
                  + dir
                  + " is in use by another process or journal: give each backend process its own"
                  + " journal directory");
      assertThat(j.accept(entry("r_1"))).isTrue();
    }
  }

  @Test
  void open_pathIsAFile_failsSayingWhatToCheck() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> RunJournal.open(file))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith("cannot create the journal directory " + file + " (")
        .hasMessageEndingWith("): check the path and its permissions");
  }

  @Test
  void accept_afterClose_throwsNamingTheFile() {
    RunJournal j = RunJournal.open(dir);
    j.close();

    assertThatThrownBy(() -> j.accept(entry("r_1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the journal " + dir.resolve("runs.journal") + " is closed");
  }

  @Test
  void accept_concurrentCallers_shareForces() throws Exception {
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (RunJournal j = RunJournal.open(dir)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    assertThat(j.accept(entry("r_" + (base + i)))).isTrue();
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }

      assertThat(j.unfinished()).hasSize(threads * perThread);
      assertThat(j.syncCount()).isPositive().isLessThanOrEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).hasSize(threads * perThread);
    }
  }

  @Test
  void accept_fsyncOff_neverForces() {
    try (RunJournal j = RunJournal.builder(dir).fsync(false).open()) {
      j.accept(entry("r_1"));
      j.finish("r_1", "SUCCESS");
      assertThat(j.syncCount()).isZero();
    }
  }

  @Test
  void journalEntry_toString_hidesBody() {
    assertThat(entry("r_1").toString()).isEqualTo("JournalEntry[runId=r_1, action=deploy]");
  }

  @Test
  void builder_badValues_areRefusedWithTheValue() {
    RunJournal.Builder b = RunJournal.builder(dir);
    assertThatThrownBy(() -> b.compactAt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compactAt must be positive, got 0");
    assertThatThrownBy(() -> b.rememberFinished(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rememberFinished must not be negative, got -1");
    assertThatThrownBy(() -> RunJournal.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dir == null");
  }
}
