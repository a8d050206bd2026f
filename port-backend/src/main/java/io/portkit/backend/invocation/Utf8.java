package io.portkit.backend.invocation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of webhook bodies, per RFC 3629 (Unicode table 3-7). Stateless.
 *
 * <p>Jackson's byte parser decodes leniently: it accepts overlong forms (so {@code C1 81} reads as
 * {@code A}) and encoded surrogates, and it auto-detects UTF-16 and UTF-32. A signed body must mean
 * exactly one thing, so the parser checks the bytes first.
 */
final class Utf8 {
  /** Reads eight body bytes at once for the ASCII fast path. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Returns the offset of the first byte that does not start a well-formed UTF-8 sequence, or -1
   * when all of {@code bytes} is well-formed. A NUL byte counts as invalid: JSON text never
   * contains one, and rejecting it also rules out UTF-16 and UTF-32 bodies.
   */
  static int firstInvalid(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      // Webhook bodies are almost all ASCII: skip eight bytes at a time while none of them has
      // its high bit set or is NUL (w - ONES borrows into the high bit of a zero byte). A false
      // alarm only drops to the byte-by-byte check below, which decides.
      while (i + 8 <= n) {
        long w = (long) LONGS.get(bytes, i);
        if (((w | (w - ONES)) & HIGH_BITS) != 0) {
          break;
        }
        i += 8;
      }
      if (i >= n) {
        break;
      }
      int b = bytes[i];
      if (b > 0) {
        i++;
        continue;
      }
      int lead = b & 0xFF;
      int length =
          lead >= 0xC2 && lead <= 0xDF
              ? 2
              : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
      if (length == 0 || i + length > n || !secondByteOk(lead, bytes[i + 1] & 0xFF)) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  /**
   * The second byte's range depends on the lead: this excludes overlongs, surrogates, > U+10FFFF.
   */
  private static boolean secondByteOk(int lead, int second) {
    int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    return second >= low && second <= high;
  }
}
