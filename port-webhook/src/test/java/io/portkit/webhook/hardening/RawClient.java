package io.portkit.webhook.hardening;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends hand-written HTTP/1.1 bytes over a socket and parses whatever answer comes back: the JDK
 * HttpClient refuses to send most of what this suite needs (repeated or oversized headers, bad
 * framing). One connection per request; every read is bounded by a timeout.
 */
final class RawClient {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawClient() {}

  /** An answer: status -1 when the server closed the connection without one. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes {@code wire}, half-closes, and reads one response. */
  static Answer send(int port, byte[] wire) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(wire);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // The server may answer (413) and close before taking all of a large request.
      }
      return read(socket.getInputStream());
    }
  }

  /** Reads one response from {@code in}: head, then Content-Length bytes or until close. */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        if (endsWithBlankLine(head)) {
          break;
        }
        if (head.size() > 64 * 1024) {
          throw new IOException("response head over 64 KiB");
        }
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no response within " + TIMEOUT_MILLIS + " ms", e);
    } catch (IOException e) {
      if (head.size() == 0) {
        return new Answer(-1, Map.of(), "connection failed: " + e.getMessage());
      }
    }
    String text = head.toString(ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 ")) {
      return new Answer(-1, Map.of(), "no status line, got: " + text);
    }
    String[] lines = text.split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return new Answer(status, headers, readBody(in, headers.get("content-length")));
  }

  private static String readBody(InputStream in, String contentLength) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long want = contentLength == null ? Long.MAX_VALUE : Long.parseLong(contentLength);
    byte[] buffer = new byte[4096];
    try {
      while (body.size() < want) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, want - body.size()));
        if (n < 0) {
          break;
        }
        body.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // A reset after the body arrived (the server closed with unread request bytes) is fine.
      if (body.size() < want && contentLength != null) {
        throw e;
      }
    }
    return body.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
    byte[] b = head.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }
}
