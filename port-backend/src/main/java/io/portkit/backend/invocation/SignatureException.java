package io.portkit.backend.invocation;

import io.portkit.client.PortException;
import java.util.Objects;

/**
 * Thrown when a webhook request must be rejected because it cannot be proven to come from Port
 * recently.
 *
 * <p>A {@link PortException} (unchecked, like the rest of portkit's errors) that is never
 * retryable: the same request fails the same way again. The {@link #reason()} says why in a form
 * code can branch on; the message says what to check. Neither ever contains a secret, a signature
 * or the request body.
 */
public final class SignatureException extends PortException {
  private static final long serialVersionUID = 1L;

  /** Why a request was rejected. */
  public enum Reason {
    /** {@code x-port-timestamp} or {@code x-port-signature} is absent or blank. */
    MISSING_HEADER,
    /** {@code x-port-timestamp} is not a whole number of epoch seconds. */
    MALFORMED_TIMESTAMP,
    /** {@code x-port-signature} has no entry of the form {@code version,signature}. */
    MALFORMED_SIGNATURE,
    /** {@code x-port-signature} carries only versions other than {@code v1}. */
    UNSUPPORTED_VERSION,
    /** No {@code v1} signature matches the body under any configured secret. */
    MISMATCH,
    /** The signature matches but the timestamp is further from now than the tolerance. */
    OUTSIDE_TOLERANCE
  }

  private final Reason reason;

  /**
   * Creates an exception for {@code reason}.
   *
   * @param reason why the request was rejected; not null
   * @param message what failed and what to check; must not contain a secret
   */
  public SignatureException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message == null"), false);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** Returns why the request was rejected. */
  public Reason reason() {
    return reason;
  }
}
