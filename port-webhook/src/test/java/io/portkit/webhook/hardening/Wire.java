package io.portkit.webhook.hardening;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the exact bytes of one HTTP/1.1 request, including things no HTTP client would send:
 * repeated headers, any header text, any framing. Not thread-safe; one per request.
 */
final class Wire {
  /** How the body is framed on the wire. */
  enum Framing {
    /** A correct {@code Content-Length}. */
    LENGTH,
    /** One chunk with the whole body, then the terminating chunk. */
    CHUNKED,
    /** One chunk with the whole body and no terminating chunk. */
    CHUNKED_UNTERMINATED,
    /** Neither header: the body bytes follow the head unannounced. */
    NONE
  }

  private final String method;
  private final String path;
  private final List<String[]> headers = new ArrayList<>();
  private byte[] body = new byte[0];
  private Framing framing = Framing.LENGTH;

  private Wire(String method, String path) {
    this.method = method;
    this.path = path;
  }

  static Wire post(String path) {
    return new Wire("POST", path).header("Host", "127.0.0.1");
  }

  static Wire request(String method, String path) {
    return new Wire(method, path).header("Host", "127.0.0.1");
  }

  Wire header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  Wire json() {
    return header("Content-Type", "application/json");
  }

  /** Adds Port's two headers, signing {@code "{timestamp}.{body}"} with {@code secret}. */
  Wire signed(String secret, String timestamp) {
    return header("X-Port-Timestamp", timestamp)
        .header("X-Port-Signature", "v1," + hmac(secret, timestamp, body));
  }

  Wire body(byte[] body) {
    this.body = body;
    return this;
  }

  Wire body(String body) {
    return body(body.getBytes(UTF_8));
  }

  Wire framing(Framing framing) {
    this.framing = framing;
    return this;
  }

  byte[] bytes() {
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    for (String[] h : headers) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    switch (framing) {
      case LENGTH -> head.append("Content-Length: ").append(body.length).append("\r\n");
      case CHUNKED, CHUNKED_UNTERMINATED -> head.append("Transfer-Encoding: chunked\r\n");
      case NONE -> {}
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length + 32);
    out.writeBytes(head.toString().getBytes(ISO_8859_1));
    if (framing == Framing.CHUNKED || framing == Framing.CHUNKED_UNTERMINATED) {
      if (body.length > 0) {
        out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(ISO_8859_1));
        out.writeBytes(body);
        out.writeBytes("\r\n".getBytes(ISO_8859_1));
      }
      if (framing == Framing.CHUNKED) {
        out.writeBytes("0\r\n\r\n".getBytes(ISO_8859_1));
      }
    } else {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** Port's signature over any timestamp text, even one that is not a number. */
  static String hmac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(ISO_8859_1));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
