package io.portkit.webhook.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, stopping as soon as it is known to exceed the limit. Stateless. */
final class BodyReader {
  private BodyReader() {}

  /**
   * Returns the body, or null if it is longer than {@code limit} bytes; in that case at most
   * {@code limit + 1} bytes were read and the rest is left unread.
   */
  static byte[] readBounded(InputStream in, long declaredLength, int limit) throws IOException {
    if (declaredLength > limit) {
      return null;
    }
    int expected = declaredLength >= 0 ? (int) declaredLength : Math.min(limit, 8192);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 16));
    byte[] buffer = new byte[8192];
    long total = 0;
    while (true) {
      int want = (int) Math.min(buffer.length, (long) limit + 1 - total);
      int n = in.read(buffer, 0, want);
      if (n < 0) {
        return out.toByteArray();
      }
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
  }
}
