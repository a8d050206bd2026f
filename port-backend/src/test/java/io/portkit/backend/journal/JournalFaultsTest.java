package io.portkit.backend.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.testsupport.CapturedLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal under disk faults (issue #12): a full disk, a read-only directory, a line cut short
 * by a crash and a corrupt record in the middle each give an error that says what happened and what
 * to do, and a restart recovers every whole record and reports what it skipped.
 */
class JournalFaultsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void diskFillsWhileRunning_acceptFailsNamingTheDiskThenRefusesUntilRestart() {
    FaultyDisk disk = new FaultyDisk();
    try (RunJournal j = FaultyDisk.open(dir, disk)) {
      assertThat(j.accept(RunJournalTest.entry("r_1"))).isTrue();
      disk.fill(40); // r_2's line does not fit: its first 40 bytes reach the file

      assertThatThrownBy(() -> j.accept(RunJournalTest.entry("r_2")))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("cannot write or force the journal " + j.path())
          .hasMessageContaining("No space left on device")
          .hasMessageContaining("check free disk space");
      // Other callers' lines may be lost with that write: nothing more is accepted.
      assertThatThrownBy(() -> j.accept(RunJournalTest.entry("r_3")))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("failed earlier")
          .hasMessageContaining("fix the disk and restart the backend");
    }

    try (CapturedLogs.Recording logs = CapturedLogs.startRecording();
        RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1");
      assertThat(j.skippedAtOpen())
          .singleElement()
          .asString()
          .startsWith("line 2 (bytes ")
          .endsWith("cut short by a crash, about run r_2");
      assertThat(logs.containing("skipped line 2")).hasSize(1);
      assertThat(j.accept(RunJournalTest.entry("r_4"))).isTrue(); // the disk has room again
    }
  }

  @Test
  void diskFullAtOpen_openFailsNamingTheDisk() {
    try (RunJournal j = RunJournal.open(dir)) {
      j.accept(RunJournalTest.entry("r_1"));
    }
    FaultyDisk disk = new FaultyDisk();
    disk.fill(0);

    // Opening compacts the file, which needs room for the live records.
    assertThatThrownBy(() -> FaultyDisk.open(dir, disk))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("cannot compact the journal")
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("check free disk space");
    try (RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1");
    }
  }

  @Test
  void readOnlyDirectory_openFailsSayingToCheckItIsWritable() {
    FaultyDisk disk = new FaultyDisk();
    disk.readOnly();

    assertThatThrownBy(() -> FaultyDisk.open(dir, disk))
        .isInstanceOf(JournalException.class)
        .hasMessageStartingWith("cannot open the journal in " + dir)
        .hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("check the directory is writable");
  }

  @Test
  void directoryTurnsReadOnlyWhileRunning_acceptFailsNamingIt() {
    FaultyDisk disk = new FaultyDisk();
    try (RunJournal j = FaultyDisk.open(dir, disk)) {
      disk.readOnly();

      assertThatThrownBy(() -> j.accept(RunJournalTest.entry("r_1")))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("Read-only file system");
      assertThat(j.contains("r_1")).isTrue(); // in memory; the caller refuses the run anyway
    }
  }

  @Test
  void realReadOnlyDirectory_openFailsSayingToCheckItIsWritable() throws IOException {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(ro), "root ignores permissions: the FaultyDisk test covers it");

      assertThatThrownBy(() -> RunJournal.open(ro))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("check the directory is writable");
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void corruptRecordInTheMiddle_restartKeepsTheOthersAndNamesTheRunItSkipped() throws IOException {
    Path file = dir.resolve("runs.journal");
    String good1 = line(JournalRecord.accepted(RunJournalTest.entry("r_1")));
    String damaged =
        line(JournalRecord.accepted(RunJournalTest.entry("r_2"))).replace("\"n\":1", "\"n\":7");
    String good3 = line(JournalRecord.accepted(RunJournalTest.entry("r_3")));
    Files.writeString(file, good1 + damaged + good3);

    try (CapturedLogs.Recording logs = CapturedLogs.startRecording();
        RunJournal j = RunJournal.open(dir)) {
      assertThat(j.unfinished()).extracting(JournalEntry::runId).containsExactly("r_1", "r_3");
      assertThat(j.skippedAtOpen())
          .containsExactly(
              "line 2 (bytes "
                  + good1.length()
                  + "-"
                  + (good1.length() + damaged.length() - 1)
                  + ") corrupt, about run r_2");
      assertThat(logs.containing("recovered 2 whole record(s), skipped 1 line(s)"))
          .singleElement()
          .satisfies(l -> assertThat(l.message()).contains("may be unfinished in Port"));
    }
  }

  private static String line(JournalRecord record) {
    return new String(record.encode(MAPPER), UTF_8);
  }
}
