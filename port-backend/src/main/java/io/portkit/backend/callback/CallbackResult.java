package io.portkit.backend.callback;

import io.portkit.backend.dispatch.Completion;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link HandOffCallback} did with one request, for the host to answer with. Immutable.
 *
 * @param kind what happened
 * @param completion the completion's answer when {@code kind} is {@link Kind#ANSWERED}, else null
 * @param message what happened and what to do; safe to send back (no secret, no body)
 */
public record CallbackResult(Kind kind, @Nullable Completion completion, String message) {
  /** What happened to a callback. */
  public enum Kind {
    /** Not provably from the sender, or too old: nothing was read. */
    REFUSED,
    /** Verified, but the body is not JSON or the mapper could not read it. */
    BAD_BODY,
    /** Verified and read; it completes nothing. */
    IGNORED,
    /** Verified and read; {@link #completion()} says what the completion did. */
    ANSWERED
  }

  /** Validates the components. */
  public CallbackResult {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(message, "message == null");
    if ((kind == Kind.ANSWERED) != (completion != null)) {
      throw new IllegalArgumentException("a completion goes with ANSWERED, and only with it");
    }
  }
}
