package io.portkit.backend.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One line of the journal file: {@code <crc32c as 8 hex digits> <compact JSON>\n}. The checksum
 * covers the JSON bytes, so a line torn by a crash (cut short, or holding stale bytes) is detected
 * and ignored instead of being misread. Immutable.
 *
 * @param kind what happened to the run
 * @param runId the run id
 * @param action the route's action identifier (ACCEPTED and HANDED_OFF, else null)
 * @param body the webhook body (ACCEPTED), the hand-off's external id, deadline and source
 *     (HANDED_OFF), else null
 * @param status the final status (FINISHED only, else null)
 * @param queued for ACCEPTED: the run waits in the queue, its handler not started (written {@code
 *     "q":true}; a line without it, as every earlier version wrote, is a started run)
 * @param at for ACCEPTED: when the run was accepted (written {@code "at"}, an ISO-8601 instant;
 *     absent in lines of earlier versions), else null
 */
record JournalRecord(
    Kind kind,
    String runId,
    String action,
    JsonNode body,
    String status,
    boolean queued,
    @Nullable Instant at) {
  /** What a record says about its run. */
  enum Kind {
    /** Taken by the dispatcher, before the webhook was acknowledged. */
    ACCEPTED("A"),
    /** Ended: its final status was reported (or answered, for a synchronized action). */
    FINISHED("F"),
    /** Refused after all (never started): forgotten, so a redelivery runs it. */
    RELEASED("R"),
    /** Handed off by its handler: awaited until completed or past its deadline. */
    HANDED_OFF("H"),
    /** Its handler started after it waited in the queue (an ACCEPTED record said queued). */
    STARTED("S");

    final String code;

    Kind(String code) {
      this.code = code;
    }

    static @Nullable Kind ofCode(String code) {
      for (Kind k : values()) {
        if (k.code.equals(code)) {
          return k;
        }
      }
      return null;
    }
  }

  static JournalRecord accepted(JournalEntry entry) {
    return new JournalRecord(
        Kind.ACCEPTED,
        entry.runId(),
        entry.action(),
        entry.body(),
        null,
        !entry.started(),
        entry.acceptedAt());
  }

  static JournalRecord finished(String runId, String status) {
    return new JournalRecord(Kind.FINISHED, runId, null, null, status, false, null);
  }

  static JournalRecord released(String runId) {
    return new JournalRecord(Kind.RELEASED, runId, null, null, null, false, null);
  }

  static JournalRecord started(String runId) {
    return new JournalRecord(Kind.STARTED, runId, null, null, null, false, null);
  }

  static JournalRecord handedOff(HandedOffRun run) {
    ObjectNode what = JsonNodeFactory.instance.objectNode();
    what.put("externalRunId", run.externalRunId())
        .put("deadline", run.deadline().toString())
        .put("expectedFrom", run.expectedFrom());
    if (run.concurrencyKey() != null) {
      what.put("concurrencyKey", run.concurrencyKey()); // absent before ADR 0238: no key held
    }
    return new JournalRecord(Kind.HANDED_OFF, run.runId(), run.action(), what, null, false, null);
  }

  /** Returns the hand-off of a HANDED_OFF record. */
  HandedOffRun handOff() {
    return new HandedOffRun(
        runId,
        action,
        body.path("externalRunId").asText(),
        Instant.parse(body.path("deadline").asText()),
        body.path("expectedFrom").asText(),
        body.hasNonNull("concurrencyKey") ? body.get("concurrencyKey").asText() : null);
  }

  JournalEntry entry() {
    return new JournalEntry(runId, action, body, !queued, at);
  }

  /** Returns the record as one checksummed line, newline included. */
  byte[] encode(ObjectMapper mapper) {
    ObjectNode json = mapper.createObjectNode().put("t", kind.code).put("run", runId);
    if (action != null) {
      json.put("action", action);
    }
    if (body != null) {
      json.set("body", body);
    }
    if (status != null) {
      json.put("status", status);
    }
    if (queued) {
      json.put("q", true);
    }
    if (at != null) {
      json.put("at", at.toString());
    }
    byte[] payload;
    try {
      payload = mapper.writeValueAsBytes(json); // compact: never contains a raw newline
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run " + runId + " cannot be written as JSON", e);
    }
    byte[] line = new byte[payload.length + 10];
    System.arraycopy(
        String.format("%08x ", crc(payload, 0, payload.length)).getBytes(UTF_8), 0, line, 0, 9);
    System.arraycopy(payload, 0, line, 9, payload.length);
    line[line.length - 1] = '\n';
    return line;
  }

  // An unreadable "at" is treated as absent: the run's wait then counts from the restart.
  private static @Nullable Instant instant(JsonNode at) {
    if (!at.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(at.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Decodes one line (without its newline); empty when the checksum does not match or the JSON is
   * not a record, which is what a torn write leaves.
   */
  static Optional<JournalRecord> decode(byte[] buf, int from, int to, ObjectMapper mapper) {
    if (to - from < 10 || buf[from + 8] != ' ') {
      return Optional.empty();
    }
    long expected;
    try {
      expected = Long.parseLong(new String(buf, from, 8, UTF_8), 16);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (crc(buf, from + 9, to - from - 9) != expected) {
      return Optional.empty();
    }
    try {
      JsonNode json = mapper.readTree(buf, from + 9, to - from - 9);
      Kind kind = Kind.ofCode(json.path("t").asText());
      String runId = json.path("run").asText("");
      if (kind == null || runId.isBlank()) {
        return Optional.empty();
      }
      if (kind == Kind.ACCEPTED && (!json.path("action").isTextual() || !json.has("body"))) {
        return Optional.empty();
      }
      if (kind == Kind.HANDED_OFF && !validHandOff(json)) {
        return Optional.empty();
      }
      return Optional.of(
          new JournalRecord(
              kind,
              runId,
              json.path("action").isTextual() ? json.get("action").asText() : null,
              json.get("body"),
              json.path("status").isTextual() ? json.get("status").asText() : null,
              json.path("q").asBoolean(false),
              instant(json.path("at"))));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static boolean validHandOff(JsonNode json) {
    JsonNode what = json.path("body");
    if (!json.path("action").isTextual()
        || !what.path("externalRunId").isTextual()
        || !what.path("expectedFrom").isTextual()) {
      return false;
    }
    try {
      Instant.parse(what.path("deadline").asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static long crc(byte[] buf, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(buf, off, len);
    return crc.getValue();
  }

  /** Shows identifiers only: the body may hold personal or sensitive inputs. */
  @Override
  public String toString() {
    return "JournalRecord[" + kind + " " + runId + (status == null ? "" : " " + status) + "]";
  }
}
