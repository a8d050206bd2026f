package io.portkit.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  private static final AtomicLong LINES = new AtomicLong();
  private static final List<Leak> LEAKS = new ArrayList<>();
  private static final int ECHO_LEVEL = echoLevel(System.getProperty("portkit.test.log", "off"));

  private CapturedLogs() {}

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
