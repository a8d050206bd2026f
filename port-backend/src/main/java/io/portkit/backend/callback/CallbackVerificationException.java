package io.portkit.backend.callback;

import java.util.Objects;

/**
 * A callback request was not provably from the system it claims to be from, or is too old. The
 * message names the header and what was wrong; never a secret, a signature or the body.
 */
public final class CallbackVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a callback was refused. */
  public enum Reason {
    /** The signature header is absent or blank. */
    MISSING_SIGNATURE,
    /** The signature lacks the prefix, or is not in the configured encoding. */
    MALFORMED_SIGNATURE,
    /** No configured secret gives this signature. */
    MISMATCH,
    /** The timestamp header is configured but absent. */
    MISSING_TIMESTAMP,
    /** The timestamp is not whole epoch seconds. */
    MALFORMED_TIMESTAMP,
    /** Authentic, but signed too long ago (or in the future). */
    OUTSIDE_TOLERANCE
  }

  private final Reason reason;

  CallbackVerificationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** Returns why the callback was refused. */
  public Reason reason() {
    return reason;
  }
}
