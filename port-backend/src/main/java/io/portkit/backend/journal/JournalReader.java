package io.portkit.backend.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal file at open: every whole record, oldest first, and a report of each line it
 * had to skip. A line is skipped when its checksum does not match or it is not a record (a disk
 * error, an edit by hand), and a last line without its newline is one a crash cut short. Each
 * skipped line is logged with its line number and byte range and, when its text still names one,
 * the run it was about, since that run may be unfinished in Port now. Stateless.
 */
final class JournalReader {
  private static final Logger log = LoggerFactory.getLogger(JournalReader.class);

  /** Skipped lines logged one by one; past this, only the count. */
  private static final int MAX_LOGGED = 20;

  private JournalReader() {}

  /** What reading found: the records and a description of each line skipped. */
  record Result(List<JournalRecord> records, List<String> skipped) {}

  static Result read(Path file, ObjectMapper mapper) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Result(List.of(), List.of());
    } catch (IOException e) {
      throw new JournalException(
          "cannot read the journal " + file + " (" + e + "): check the file's permissions", e);
    }
    List<JournalRecord> records = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int start = 0;
    int line = 1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        var record = JournalRecord.decode(bytes, start, i, mapper);
        if (record.isPresent()) {
          records.add(record.get());
        } else {
          skipped.add(describe("corrupt", line, start, i, bytes));
        }
        start = i + 1;
        line++;
      }
    }
    if (start < bytes.length) {
      skipped.add(describe("cut short by a crash", line, start, bytes.length, bytes));
    }
    report(file, records.size(), skipped);
    return new Result(records, skipped);
  }

  private static String describe(String what, int line, int from, int to, byte[] bytes) {
    String run = runIdIn(bytes, from, to);
    return "line "
        + line
        + " (bytes "
        + from
        + "-"
        + to
        + ") "
        + what
        + (run == null ? "" : ", about run " + run);
  }

  private static void report(Path file, int kept, List<String> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    boolean onlyTornTail = skipped.size() == 1 && skipped.get(0).contains("cut short by a crash");
    for (int i = 0; i < Math.min(skipped.size(), MAX_LOGGED); i++) {
      log.warn("journal {}: skipped {}", file, skipped.get(i));
    }
    if (onlyTornTail) {
      // The usual trace of a SIGKILL mid-write: that record was never acknowledged.
      log.info("journal {}: recovered {} whole record(s); the last line was cut short", file, kept);
      return;
    }
    log.warn(
        "journal {}: recovered {} whole record(s), skipped {} line(s); a run named in a skipped"
            + " line may be unfinished in Port: check it there and end it by hand if so",
        file,
        kept,
        skipped.size());
  }

  /** Finds {@code "run":"<id>"} in a damaged line, if the id is still readable. */
  static String runIdIn(byte[] bytes, int from, int to) {
    String text = new String(bytes, from, to - from, UTF_8);
    int key = text.indexOf("\"run\":\"");
    if (key < 0) {
      return null;
    }
    int begin = key + 7;
    int end = begin;
    while (end < text.length() && end - begin < 256 && isIdChar(text.charAt(end))) {
      end++;
    }
    return end > begin ? text.substring(begin, end) : null;
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-';
  }
}
