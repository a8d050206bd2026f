package io.portkit.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every log line of the test JVM passes through here: it is counted, scanned by {@link LogSecrets}
 * at once (so nothing is kept but findings), and optionally echoed to standard error with {@code
 * -Dportkit.test.log=debug} (or {@code trace}, {@code info}, {@code warn}, {@code error}).
 *
 * <p>Thread-safe. Findings hold the line redacted, never the secret.
 */
public final class CapturedLogs {
  /** One log line that carried a secret, redacted. */
  public record Leak(String logger, String level, String kind, String redactedLine) {
    @Override
    public String toString() {
      return level + " " + logger + " logged " + kind + ": " + redactedLine;
    }
  }

  /**
   * One log line, for tests that assert what was logged.
   *
   * @param logger the logger's name
   * @param level the SLF4J level name, for example {@code WARN}
   * @param message the formatted message, without the throwable
   * @param throwable the logged throwable's {@code toString()}, or null when none was logged (a
   *     throwable is what makes a binding print a stack trace)
   */
  public record Line(String logger, String level, String message, String throwable) {
    @Override
    public String toString() {
      return level + " " + logger + " - " + message + (throwable == null ? "" : " | " + throwable);
    }
  }

  /** Keeps every line logged while it is open; {@link #close()} stops it. Thread-safe. */
  public static final class Recording implements AutoCloseable {
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private Recording() {}

    /** Returns the lines recorded so far, oldest first. */
    public List<Line> lines() {
      return List.copyOf(lines);
    }

    /** Returns the lines whose message contains {@code text}. */
    public List<Line> containing(String text) {
      return lines.stream().filter(l -> l.message().contains(text)).toList();
    }

    @Override
    public void close() {
      RECORDINGS.remove(this);
    }
  }

  private static final AtomicLong LINES = new AtomicLong();
  private static final List<Leak> LEAKS = new ArrayList<>();
  private static final List<Recording> RECORDINGS = new CopyOnWriteArrayList<>();
  private static final int ECHO_LEVEL = echoLevel(System.getProperty("portkit.test.log", "off"));

  private CapturedLogs() {}

  /**
   * Starts keeping every log line of the JVM (all threads) until the recording is closed; for tests
   * that assert a line was, or was not, logged.
   */
  public static Recording startRecording() {
    Recording r = new Recording();
    RECORDINGS.add(r);
    return r;
  }

  /**
   * Records one log line: {@code message} as formatted, {@code throwable} (nullable) as logged.
   * {@link #record(String, String, int, String)} then scans message and throwable together.
   */
  public static void record(
      String logger, String level, int levelInt, String message, Throwable throwable) {
    if (!RECORDINGS.isEmpty()) {
      Line line = new Line(logger, level, message, throwable == null ? null : throwable.toString());
      RECORDINGS.forEach(r -> r.lines.add(line));
    }
    StringBuilder all = new StringBuilder(message);
    for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t == throwable ? " | " : " | caused by ").append(t);
    }
    record(logger, level, levelInt, all.toString());
  }

  /** Records one formatted log line at {@code level} (an SLF4J level name) from {@code logger}. */
  public static void record(String logger, String level, int levelInt, String line) {
    Objects.requireNonNull(line, "line == null");
    LINES.incrementAndGet();
    LogSecrets.find(line)
        .ifPresent(
            kind -> {
              synchronized (LEAKS) {
                LEAKS.add(new Leak(logger, level, kind, LogSecrets.redact(line)));
              }
            });
    if (levelInt >= ECHO_LEVEL) {
      System.err.println("[" + level + "] " + logger + " - " + LogSecrets.redact(line));
    }
  }

  /** Returns how many lines were recorded since the JVM started. */
  public static long lines() {
    return LINES.get();
  }

  /** Returns and forgets the leaks found since the last call. */
  public static List<Leak> drainLeaks() {
    synchronized (LEAKS) {
      List<Leak> out = new ArrayList<>(LEAKS);
      LEAKS.clear();
      return out;
    }
  }

  private static int echoLevel(String name) {
    switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "trace":
        return 0;
      case "debug":
        return 10;
      case "info":
        return 20;
      case "warn":
        return 30;
      case "error":
        return 40;
      default:
        return Integer.MAX_VALUE;
    }
  }
}
