package io.portkit.backend.invocation;

import java.time.Instant;
import java.util.Objects;

/**
 * The proof that a request was signed by Port: when it was signed and which bytes the signature
 * covered.
 *
 * @param signedAt the instant in {@code x-port-timestamp}
 * @param signedForm which serialization of the body matched the signature
 */
public record Verification(Instant signedAt, SignedForm signedForm) {
  /** Which serialization of the body a matching signature covered. */
  public enum SignedForm {
    /** The raw request bytes, as Port itself signs them. */
    RAW,
    /** Compact JSON with non-ASCII escaped as &#92;uXXXX: Port's execution agent. */
    COMPACT_ASCII,
    /** Compact JSON with non-ASCII kept as UTF-8. */
    COMPACT_UTF8
  }

  /** Validates the components; both are required. */
  public Verification {
    Objects.requireNonNull(signedAt, "signedAt == null");
    Objects.requireNonNull(signedForm, "signedForm == null");
  }
}
