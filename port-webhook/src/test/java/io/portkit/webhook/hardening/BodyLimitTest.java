package io.portkit.webhook.hardening;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.testsupport.RawHttp;
import io.portkit.webhook.http.WebhookEndpoint;
import io.portkit.webhook.http.WebhookRequest;
import io.portkit.webhook.http.WebhookResponse;
import io.portkit.webhook.server.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 50 MB body must be cut at the limit, never buffered: in the endpoint and over the wire. */
class BodyLimitTest {
  private static final int LIMIT = 256 * 1024;
  private static final long FIFTY_MB = 50L * 1024 * 1024;

  private final AtomicInteger dispatches = new AtomicInteger();
  private WebhookEndpoint endpoint;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    endpoint =
        WebhookEndpoint.builder()
            .verifier(SignatureVerifier.builder().addSecret(BodyCases.SECRET).build())
            .dispatcher(
                run -> {
                  dispatches.incrementAndGet();
                  return DispatchOutcome.accepted();
                })
            .maxBodyBytes(LIMIT)
            .build();
    receiver =
        WebhookReceiver.builder().endpoint(endpoint).port(0).stopGrace(Duration.ZERO).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void handle_fiftyMegabytesUndeclared_readsExactlyLimitPlusOne() {
    CountingStream body = new CountingStream(FIFTY_MB);

    WebhookResponse response =
        endpoint.handle(
            new WebhookRequest(
                "POST", "/", RequestHeaders.of("Content-Type", "application/json"), body, -1));

    assertThat(response.status()).isEqualTo(413);
    assertThat(new String(response.body(), UTF_8))
        .isEqualTo(
            "{\"ok\":false,\"error\":\"payload_too_large\",\"message\":\"body is larger than "
                + LIMIT
                + " bytes: raise maxBodyBytes or send less\"}");
    assertThat(body.read.get()).isEqualTo(LIMIT + 1);
    assertThat(dispatches).hasValue(0);
  }

  @Test
  void handle_fiftyMegabytesDeclared_readsNothing() {
    CountingStream body = new CountingStream(FIFTY_MB);

    WebhookResponse response =
        endpoint.handle(new WebhookRequest("POST", "/", RequestHeaders.empty(), body, FIFTY_MB));

    assertThat(response.status()).isEqualTo(413);
    assertThat(body.read.get()).isZero();
  }

  @Test
  void receiver_fiftyMegabytesChunked_answers413AndStopsReading() throws Exception {
    AtomicLong written = new AtomicLong();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port())) {
      socket.setSoTimeout(10_000);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(() -> writeChunked(socket, written));

      RawHttp.Answer answer = RawHttp.read(socket.getInputStream());

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"error\":\"payload_too_large\"");
      writer.get(20, TimeUnit.SECONDS);
    }
    // The server stopped reading at the limit (plus the JDK's 64 KiB drain); what the client got
    // out is that plus loopback socket buffers, far below the 50 MB it tried to send.
    assertThat(written.get()).isLessThan(20L * 1024 * 1024);
    assertThat(dispatches).hasValue(0);
    RawHttp.Answer health =
        RawHttp.send(
            receiver.port(), Wire.request("GET", "/healthz").framing(Wire.Framing.NONE).bytes());
    assertThat(health.status()).isEqualTo(200);
  }

  private static void writeChunked(Socket socket, AtomicLong written) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(ISO_8859_1);
    try {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(ISO_8859_1));
      while (written.get() < FIFTY_MB) {
        out.write(chunkHead);
        out.write(chunk);
        out.write('\r');
        out.write('\n');
        written.addAndGet(chunk.length);
      }
    } catch (IOException e) {
      // Expected: the server answered 413 and closed the connection.
    }
  }

  /** Produces {@code size} spaces on demand and counts how many were read. */
  private static final class CountingStream extends InputStream {
    private final long size;
    final AtomicLong read = new AtomicLong();

    CountingStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (read.get() >= size) {
        return -1;
      }
      read.incrementAndGet();
      return ' ';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      long left = size - read.get();
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) ' ');
      read.addAndGet(n);
      return n;
    }
  }
}
