package io.portkit.testsupport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs RawHttp against a one-shot socket server that writes a scripted answer. */
class RawHttpTest {
  private ServerSocket server;

  @BeforeEach
  void bind() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  /** Accepts one connection, reads {@code requestBytes} bytes, writes {@code answer}, closes. */
  private CompletableFuture<String> answerOnce(int requestBytes, String answer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            String request = new String(in.readNBytes(requestBytes), ISO_8859_1);
            OutputStream out = socket.getOutputStream();
            out.write(answer.getBytes(UTF_8));
            out.flush();
            return request;
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void send_contentLengthAnswer_parsesStatusHeadersAndBody() throws Exception {
    byte[] wire = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1);
    CompletableFuture<String> request =
        answerOnce(
            wire.length,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                + "{\"ok\":true}");

    RawHttp.Answer answer = RawHttp.send(server.getLocalPort(), wire);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("CONTENT-TYPE")).isEqualTo("application/json");
    assertThat(answer.body()).isEqualTo("{\"ok\":true}");
    assertThat(request.get(10, TimeUnit.SECONDS)).startsWith("GET /healthz HTTP/1.1");
  }

  @Test
  void exchange_chunkedAnswer_decodedWhileOutputStaysOpen() throws Exception {
    String head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n";
    byte[] body = "{\"a\":".getBytes(UTF_8);
    answerOnce(
        head.length() + body.length,
        "HTTP/1.1 413 Payload Too Large\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\n{\"ok\":\r\n6;ext=1\r\nfalse}\r\n0\r\n\r\n");

    RawHttp.Answer answer = RawHttp.exchange(server.getLocalPort(), head, body);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).isEqualTo("{\"ok\":false}");
  }

  @Test
  void send_noLength_readsUntilClose() throws Exception {
    byte[] wire = "GET / HTTP/1.1\r\n\r\n".getBytes(ISO_8859_1);
    answerOnce(wire.length, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nbad framing");

    RawHttp.Answer answer = RawHttp.send(server.getLocalPort(), wire);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("bad framing");
  }

  @Test
  void send_closedWithoutAnswer_statusMinusOne() throws Exception {
    byte[] wire = "GET / HTTP/1.1\r\n\r\n".getBytes(ISO_8859_1);
    answerOnce(wire.length, "");

    RawHttp.Answer answer = RawHttp.send(server.getLocalPort(), wire);

    assertThat(answer.status()).isEqualTo(-1);
    assertThat(answer.headers()).isEmpty();
  }
}
