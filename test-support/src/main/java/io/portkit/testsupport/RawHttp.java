package io.portkit.testsupport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Sends hand-written HTTP/1.1 bytes to a server on 127.0.0.1 and parses the one answer that comes
 * back, for what {@code java.net.http} refuses to send: repeated or oversized headers, bad framing,
 * a body shorter than its {@code Content-Length}, an unterminated chunked body.
 *
 * <p>One connection per call; every read is bounded by {@link #TIMEOUT_MILLIS}. The answer's body
 * is read by its {@code Content-Length}, decoded when chunked, and otherwise read until the server
 * closes. Thread-safe (stateless).
 */
public final class RawHttp {
  /** The bound on every read, in milliseconds. */
  public static final int TIMEOUT_MILLIS = 10_000;

  private static final int MAX_HEAD = 64 * 1024;

  private RawHttp() {}

  /**
   * One answer.
   *
   * @param status the status code, or -1 when the server sent no status line (then {@code body}
   *     says what came instead)
   * @param headers the headers, names in lower case (the last value of a repeated header)
   * @param body the body as UTF-8 text, decoded when chunked
   */
  public record Answer(int status, Map<String, String> headers, String body) {
    /** Copies the headers. */
    public Answer {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body == null");
    }

    /** Returns the header {@code name} (any case), or null. */
    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Writes {@code wire}, half-closes the connection and reads one answer. A server that answers and
   * closes before taking all of a large request (413) is fine: the write error is ignored.
   */
  public static Answer send(int port, byte[] wire) throws IOException {
    Objects.requireNonNull(wire, "wire == null");
    try (Socket socket = connect(port)) {
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

  /**
   * Writes {@code head} (ISO-8859-1) then {@code body}, keeps the connection open for writing, and
   * reads one answer: for requests the server must answer before they end, such as a declared
   * {@code Content-Length} over the limit or a chunk that never ends.
   */
  public static Answer exchange(int port, String head, byte[] body) throws IOException {
    Objects.requireNonNull(head, "head == null");
    Objects.requireNonNull(body, "body == null");
    try (Socket socket = connect(port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(ISO_8859_1));
      out.write(body);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  /**
   * Reads one answer from {@code in}: the head, then the body. A connection that fails before any
   * byte arrives gives status -1.
   *
   * @throws IOException if no complete head arrives within the socket's timeout, or a declared body
   *     is cut short
   */
  public static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        if (endsWithBlankLine(head)) {
          break;
        }
        if (head.size() > MAX_HEAD) {
          throw new IOException("answer head over 64 KiB");
        }
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no answer within " + TIMEOUT_MILLIS + " ms", e);
    } catch (IOException e) {
      if (head.size() == 0) {
        return new Answer(-1, Map.of(), "connection failed: " + e.getMessage());
      }
    }
    String text = head.toString(ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
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
    String encoding = headers.getOrDefault("transfer-encoding", "");
    String body =
        encoding.toLowerCase(Locale.ROOT).contains("chunked")
            ? readChunked(in)
            : readBody(in, headers.get("content-length"));
    return new Answer(status, headers, body);
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }

  private static String readBody(InputStream in, String contentLength) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long want = contentLength == null ? Long.MAX_VALUE : Long.parseLong(contentLength.strip());
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
      // Without a length the body ends when the connection does; a reset after it is fine.
      if (contentLength != null) {
        throw e;
      }
    }
    if (contentLength != null && body.size() < want) {
      throw new IOException("answer body cut short: " + body.size() + " of " + want + " bytes");
    }
    return body.toString(UTF_8);
  }

  private static String readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
      int size = Integer.parseInt(hex, 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers, ignored
        }
        return body.toString(UTF_8);
      }
      body.write(in.readNBytes(size));
      readLine(in); // the CRLF after the chunk
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b < 0 && line.size() == 0) {
      throw new IOException("chunked answer cut short");
    }
    return line.toString(ISO_8859_1);
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
    byte[] b = head.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }
}
