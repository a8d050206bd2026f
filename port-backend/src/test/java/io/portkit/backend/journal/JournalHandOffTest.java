package io.portkit.backend.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalHandOffTest {
  private static final HandedOffRun HANDED =
      new HandedOffRun(
          "r_1", "deploy", "job-42", Instant.parse("2026-01-01T01:00:00Z"), "the CI's callback");

  @TempDir Path dir;

  private static JournalEntry entry(String runId) throws Exception {
    return new JournalEntry(
        runId, "deploy", new ObjectMapper().readTree("{\"port_context\":{\"runId\":\"r_1\"}}"));
  }

  @Test
  void handOff_movesTheRunFromUnfinishedToHandedOff_andSurvivesReopenWithoutItsBody()
      throws Exception {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.handOff(HANDED);

      assertThat(j.unfinished()).isEmpty();
      assertThat(j.handedOff()).containsExactly(HANDED);
      assertThat(j.contains("r_1")).isTrue();
      assertThat(j.accept(entry("r_1"))).isFalse();
    }
    try (RunJournal j = RunJournal.open(dir)) { // compacted at open
      assertThat(j.handedOff()).containsExactly(HANDED);
      assertThat(j.unfinished()).isEmpty();
      assertThat(Files.readString(j.path())).doesNotContain("port_context");
    }
  }

  @Test
  void concurrencyKey_isKeptWithTheHandOff_acrossReopenAndCompaction_andAnOldRecordHasNone()
      throws Exception {
    HandedOffRun keyed =
        new HandedOffRun(
            "r_2",
            "deploy",
            "job-43",
            Instant.parse("2026-01-01T01:00:00Z"),
            "the CI's callback",
            "checkout");
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.handOff(HANDED); // no key: written as records were before ADR 0238
      j.accept(entry("r_2"));
      j.handOff(keyed);
    }
    assertThat(Files.readString(dir.resolve(JournalFile.FILE_NAME)))
        .containsOnlyOnce("\"concurrencyKey\":\"checkout\"");
    for (int open = 1; open <= 2; open++) { // each open compacts and writes the records again
      try (RunJournal j = RunJournal.open(dir)) {
        assertThat(j.handedOff()).containsExactly(HANDED, keyed);
        assertThat(j.handedOff().get(0).concurrencyKey()).isNull();
      }
    }
  }

  @Test
  void finish_endsAHandedOffRun_andReopenRemembersItFinished() throws Exception {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.handOff(HANDED);
      j.finish("r_1", "SUCCESS");

      assertThat(j.handedOff()).isEmpty();
    }
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.handedOff()).isEmpty();
      assertThat(j.contains("r_1")).isTrue();
    }
  }

  @Test
  void handOff_ofARunNotTaken_isRefused() {
    try (RunJournal j = RunJournal.open(dir)) {
      assertThatThrownBy(() -> j.handOff(HANDED))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("r_1");
    }
  }

  @Test
  void tornHandOffLine_isIgnored_andTheRunStaysUnfinished() throws Exception {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(entry("r_1"));
      j.handOff(HANDED);
    }
    Path file = dir.resolve(JournalFile.FILE_NAME);
    String text = Files.readString(file); // ACCEPTED, then HANDED_OFF
    assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).contains("\"t\":\"H\"");
    Files.writeString(file, text.substring(0, text.length() - 20) + "\n"); // torn by a crash

    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.handedOff()).isEmpty();
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1");
    }
  }
}
