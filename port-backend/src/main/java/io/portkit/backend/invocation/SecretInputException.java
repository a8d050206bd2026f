package io.portkit.backend.invocation;

import org.jspecify.annotations.Nullable;

/**
 * A secret input did not decrypt, or is not the shape Port sends: the message names the input and
 * the {@link Reason}, never the value (neither the ciphertext nor anything decrypted from it).
 *
 * <p>Thrown by {@link RunInvocation#secret(String)}, by typed inputs with a {@link SecretValue}
 * component, and by {@link SecretValue#revealJson()}; the dispatcher ends the run FAILURE with the
 * label {@code invalid inputs} and this message as the summary, like any {@link
 * InputBindingException}.
 */
public final class SecretInputException extends InputBindingException {
  private static final long serialVersionUID = 1L;

  /** Why a secret input was refused. */
  public enum Reason {
    /** The input is not a JSON string: Port sends the encrypted value as base64 text. */
    NOT_TEXT("Port sends a secret input as base64 text, and this one is not a string"),
    /** The text is not base64. */
    NOT_BASE64("it is not base64"),
    /** Fewer bytes than an IV and a tag: truncated, or not encrypted at all. */
    TOO_SHORT("it is shorter than an IV and an authentication tag (truncated, or not encrypted)"),
    /**
     * AES-256-GCM with the client secret: the tag does not verify with any configured secret. GCM
     * cannot tell a wrong key from an altered value.
     */
    NOT_AUTHENTIC(
        "it does not authenticate with any configured client secret: it was encrypted with another"
            + " secret (during a rotation, configure the old one too) or altered"),
    /**
     * Client-side encryption: the wrapped AES key does not open with any configured private key.
     */
    WRONG_PRIVATE_KEY(
        "its wrapped key does not open with any configured private key: it was encrypted for"
            + " another public key"),
    /** Client-side encryption: the key opened, but the ciphertext's tag does not verify. */
    ALTERED(
        "its key opened with the private key, but the ciphertext does not authenticate: altered"),
    /** The plaintext is not UTF-8 text. */
    NOT_UTF8("its plaintext is not UTF-8 text"),
    /** {@link SecretValue#revealJson()}: the plaintext of an object input is not JSON. */
    NOT_JSON("its plaintext is not JSON (an object secret input's plaintext is its JSON)"),
    /** No client secret or private key was configured to decrypt with. */
    NO_KEY(
        "the backend has no key to decrypt it with: give it the client secret (credentials) or,"
            + " for client-side encryption, the private key");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** Returns the reason in words, as it appears in the message. */
    public String description() {
      return description;
    }
  }

  private final Reason reason;
  private final @Nullable String detail;

  SecretInputException(String input, Reason reason, @Nullable String detail) {
    super(
        input,
        "secret input '"
            + input
            + "' was not decrypted: "
            + reason.description()
            + (detail == null ? "" : " (" + detail + ")"),
        null);
    this.reason = reason;
    this.detail = detail;
  }

  /** Returns the same failure for the input at {@code path} (a nested input's dotted path). */
  SecretInputException at(String path) {
    return new SecretInputException(path, reason, detail);
  }

  /** Returns why the input was refused. */
  public Reason reason() {
    return reason;
  }
}
