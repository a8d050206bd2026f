package io.portkit.tunnel;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tunnel could not be opened; the message says what was wrong and what to do.
 *
 * <p>{@link #reason()} classifies the failure so callers can branch on data rather than on message
 * text. Messages and causes never contain an authtoken: causes that mentioned one are replaced by
 * redacted copies.
 */
public class TunnelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as data. */
  public enum Reason {
    /** The settings are invalid (for example a malformed URL or two exclusive options). */
    CONFIGURATION,
    /** Only ngrok's API jar is on the classpath; the native jar for this platform is missing. */
    NATIVE_LIBRARY_MISSING,
    /** ngrok's native jar is present but built for another OS or CPU. */
    NATIVE_LIBRARY_WRONG_PLATFORM,
    /** No authtoken was given, or ngrok says one is required. */
    AUTHTOKEN_MISSING,
    /** ngrok rejected the authtoken (malformed, reset or revoked). */
    AUTHTOKEN_REJECTED,
    /** The account already runs its maximum number of agent sessions (one on the free plan). */
    SESSION_LIMIT,
    /** The requested domain is not reserved on the authtoken's account. */
    DOMAIN_NOT_RESERVED,
    /** Connecting took longer than the configured timeout. */
    CONNECT_TIMEOUT,
    /** The opening thread was interrupted. */
    INTERRUPTED,
    /** Any other failure reported by the tunnel service. */
    FAILED
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason the classification
   * @param message what failed and what to do; must not contain a secret
   */
  public TunnelException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param reason the classification
   * @param message what failed and what to do; must not contain a secret
   * @param cause the underlying failure, or {@code null}; must not mention a secret
   */
  public TunnelException(Reason reason, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message == null"), cause);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** Returns what went wrong. */
  public Reason reason() {
    return reason;
  }
}
