package io.portkit.backend.invocation;

import io.portkit.backend.invocation.SignatureException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/** Splits {@code x-port-signature} into its {@code v1} signatures. Stateless. */
final class SignatureHeader {
  private static final int MAX_SHOWN = 40;

  private SignatureHeader() {}

  /**
   * Returns the decoded {@code v1} signatures of a space-separated header value. A {@code v1} entry
   * that is not Base64 is kept as an empty array, so it can only ever mismatch.
   */
  static List<byte[]> v1Signatures(String header) {
    List<byte[]> v1 = new ArrayList<>();
    TreeSet<String> otherVersions = new TreeSet<>();
    for (String entry : header.strip().split("\\s+")) {
      int comma = entry.indexOf(',');
      if (comma <= 0) {
        continue;
      }
      String version = entry.substring(0, comma);
      if (version.equals(Signer.VERSION)) {
        v1.add(decode(entry.substring(comma + 1)));
      } else {
        otherVersions.add(shorten(version));
      }
    }
    if (!v1.isEmpty()) {
      return v1;
    }
    if (!otherVersions.isEmpty()) {
      throw new SignatureException(
          Reason.UNSUPPORTED_VERSION,
          "x-port-signature has no v1 signature (found "
              + String.join(", ", otherVersions)
              + "): portkit verifies v1 only; check what signs these requests");
    }
    throw new SignatureException(
        Reason.MALFORMED_SIGNATURE,
        "x-port-signature must look like v1,<base64 HMAC-SHA256>: check what signs these requests");
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  /**
   * Returns at most {@value #MAX_SHOWN} characters of a header value for a message, with anything
   * outside printable ASCII shown as {@code ?}: messages reach logs and response bodies, and a
   * sender must not be able to write terminal escapes into either.
   */
  static String shorten(String value) {
    String cut = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
