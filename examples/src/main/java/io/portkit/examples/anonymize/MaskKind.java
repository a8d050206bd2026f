package io.portkit.examples.anonymize;

import java.util.HexFormat;

/** The kinds of personal data a column can hold, each with a plausible-looking masked format. */
public enum MaskKind {
  /** An email address, masked as {@code user_<10 hex>@example.invalid}. */
  EMAIL,
  /** A person's name, masked as {@code Name <6 hex>}. */
  NAME,
  /** A phone number, masked as {@code +1-<area>-555-01<2 digits>} (fictional 555-01xx numbers). */
  PHONE;

  /**
   * Formats a masked value from a digest of the original.
   *
   * @param digest at least 8 bytes, derived from the original value; never null
   * @return the masked value, at most 32 characters
   */
  String format(byte[] digest) {
    HexFormat hex = HexFormat.of();
    return switch (this) {
      case EMAIL -> "user_" + hex.formatHex(digest, 0, 5) + "@example.invalid";
      case NAME -> "Name " + hex.formatHex(digest, 0, 3);
      case PHONE -> {
        int area = 200 + (((digest[0] & 0xff) << 8) | (digest[1] & 0xff)) % 800;
        yield String.format("+1-%d-555-01%02d", area, (digest[2] & 0xff) % 100);
      }
    };
  }
}
