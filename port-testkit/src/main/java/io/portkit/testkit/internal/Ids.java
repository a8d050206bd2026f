package io.portkit.testkit.internal;

import java.util.Random;

/**
 * Generates Port-looking ids from one seedable {@link Random}: run ids {@code r_} + 16 letters and
 * digits, log and entity ids, trace ids. Thread-safe; with a seeded random and sequential calls the
 * ids are deterministic.
 */
public final class Ids {
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private final Random random;

  /** Creates a generator drawing from {@code random}. */
  public Ids(Random random) {
    this.random = random;
  }

  /** Returns a new run id such as {@code r_QOz6WoOB1Q2lmhZZ}. */
  public String runId() {
    return "r_" + draw(ALPHANUMERIC, 16);
  }

  /** Returns a new run-log id. */
  public String logId() {
    return "rl_" + draw(ALPHANUMERIC, 16);
  }

  /**
   * Returns an identifier for an entity written without one, such as {@code e_iQfaF14FJln6GVBn}
   * (the form Port's generated entity identifiers take).
   */
  public String entityId() {
    return "e_" + draw(ALPHANUMERIC, 16);
  }

  /** Returns a new 32-hex-digit trace id for {@code X-Trace-Id}. */
  public String traceId() {
    return draw(HEX, 32);
  }

  /** Returns {@code length} random letters and digits (for generated credentials). */
  public String alphanumeric(int length) {
    return draw(ALPHANUMERIC, length);
  }

  /** Returns {@code length} random bytes (for the token signing key). */
  public byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    synchronized (random) {
      random.nextBytes(bytes);
    }
    return bytes;
  }

  private String draw(String alphabet, int length) {
    StringBuilder id = new StringBuilder(length);
    synchronized (random) {
      for (int i = 0; i < length; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return id.toString();
  }
}
