package io.portkit.webhook.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Reads a request body, stopping as soon as it is known to exceed the limit. Stateless. */
final class BodyReader {
  private BodyReader() {}

  /**
   * Returns the body, or null if it is longer than {@code limit} bytes; in that case at most {@code
   * limit + 1} bytes were read and the rest is left unread.
   */
  static byte @Nullable [] readBounded(InputStream in, long declaredLength, int limit)
      throws IOException {
    if (declaredLength > limit) {
      return null;
    }
    if (declaredLength >= 0) {
      // Port sends a Content-Length: read straight into an array of that size, with no copy and
      // no scratch buffer (this runs for every delivery).
      byte[] body = new byte[(int) declaredLength];
      int n = in.readNBytes(body, 0, body.length);
      int next = n < body.length ? -1 : in.read();
      if (next < 0) {
        return n == body.length ? body : Arrays.copyOf(body, n);
      }
      // The stream is longer than declared (a host that passes a length it does not enforce):
      // keep counting against the limit from here.
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1);
      out.write(body, 0, n);
      out.write(next);
      return readRest(in, out, n + 1L, limit);
    }
    return readRest(in, new ByteArrayOutputStream(Math.min(limit, 8192)), 0, limit);
  }

  private static byte @Nullable [] readRest(
      InputStream in, ByteArrayOutputStream out, long total, int limit) throws IOException {
    if (total > limit) {
      return null;
    }
    byte[] buffer = new byte[8192];
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
