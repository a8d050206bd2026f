package io.portkit.webhook.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/** Sends hand-written HTTP/1.1 requests, for cases java.net.http cannot express. */
final class RawHttp {
  private RawHttp() {}

  /**
   * Writes {@code head} then {@code body} (without closing output) and returns the status line and
   * everything the server sent until it closed the connection.
   */
  static String exchange(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        response.write(buf, 0, n);
        if (response.toString(ISO_8859_1).contains("}")) {
          break; // every answer is one small JSON object
        }
      }
      return response.toString(ISO_8859_1);
    }
  }
}
