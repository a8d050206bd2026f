package io.portkit.webhook.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients without the secret cannot hold the receiver (issue #12): 200 connections that dribble
 * their headers, and 50 that send nothing, while valid signed webhooks keep being acknowledged; the
 * slow ones are closed by the server after {@code sun.net.httpserver.maxReqTime}; oversized and
 * over-numerous headers and very long URLs are refused by closing the connection. Raw sockets on
 * 127.0.0.1 against the receiver with its shipped defaults (on Java 17 a fixed pool of max(2,
 * cores) threads used to be held by the first two slow clients).
 */
class SlowClientsTest {
  private static final String SECRET = "slow-clients-secret";
  private static final int DRIBBLERS = 200;
  private static final int SILENT = 50;
  private static final int DELIVERIES = 20;

  private final ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    receiver =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(SECRET).build())
            .dispatcher(
                run -> {
                  accepted.incrementAndGet();
                  return DispatchOutcome.accepted();
                })
            .port(0)
            .shutdownHook(false)
            .stopGrace(Duration.ZERO)
            .start();
  }

  @AfterEach
  void stop() throws IOException {
    dribble.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    receiver.close();
  }

  @Test
  void dribblingAndSilentConnections_validWebhooksStillAnswered_slowOnesClosedByTheServer()
      throws Exception {
    long start = System.nanoTime();
    List<Socket> dribblers = new ArrayList<>();
    for (int i = 0; i < DRIBBLERS; i++) {
      Socket s = open();
      s.getOutputStream()
          .write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-" + i + ": ").getBytes(ISO_8859_1));
      dribblers.add(s);
    }
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < SILENT; i++) {
      silent.add(open());
    }
    // One more header byte on every slow connection each 200 ms: never a whole header line.
    dribble.scheduleAtFixedRate(
        () -> dribblers.forEach(SlowClientsTest::oneByte), 0, 200, TimeUnit.MILLISECONDS);

    long slowest = 0;
    for (int i = 0; i < DELIVERIES; i++) {
      long t = System.nanoTime();
      // The bound is the acceptance: each valid webhook answered within 1 s.
      assertThat(deliver("r_valid_" + i, Duration.ofSeconds(1))).startsWith("HTTP/1.1 202");
      slowest = Math.max(slowest, System.nanoTime() - t);
    }
    assertThat(accepted).hasValue(DELIVERIES);

    // The server, not the client, ends each slow connection: after maxReqTime (10 s) for those
    // dribbling, after min(idle interval, maxReqTime) checked on the JDK's 10 s idle tick for the
    // silent ones. 40 s bounds the wait generously.
    for (Socket s : dribblers) {
      assertThat(closedByServer(s, Duration.ofSeconds(40))).as("dribbler closed").isTrue();
    }
    long dribblersClosed = System.nanoTime() - start;
    for (Socket s : silent) {
      assertThat(closedByServer(s, Duration.ofSeconds(40))).as("silent closed").isTrue();
    }
    long silentClosed = System.nanoTime() - start;
    assertThat(deliver("r_after", Duration.ofSeconds(1))).startsWith("HTTP/1.1 202");
    System.out.printf(
        "slow clients: %d dribbling + %d silent connections; %d valid webhooks answered, slowest"
            + " %d ms; dribblers closed by %.1f s, silent ones by %.1f s (Java %d)%n",
        DRIBBLERS,
        SILENT,
        DELIVERIES,
        TimeUnit.NANOSECONDS.toMillis(slowest),
        dribblersClosed / 1e9,
        silentClosed / 1e9,
        Runtime.version().feature());
  }

  @Test
  void oversizedHeadersTooManyHeadersAndLongUrls_connectionClosedReceiverStillAnswers()
      throws Exception {
    String bigHeader = "X-Big: " + "a".repeat(100_000) + "\r\n";
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    List<String> hostile =
        List.of(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bigHeader + "\r\n",
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + "\r\n",
            "POST /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    for (String request : hostile) {
      try (Socket s = open()) {
        try {
          s.getOutputStream().write(request.getBytes(ISO_8859_1));
        } catch (IOException e) {
          // The server may close before the request is all written: that is the refusal.
        }
        assertThat(closedByServer(s, Duration.ofSeconds(20))).isTrue();
      }
    }

    assertThat(deliver("r_ok", Duration.ofSeconds(1))).startsWith("HTTP/1.1 202");
    assertThat(accepted).hasValue(1);
  }

  @Test
  void pipelinedRequests_answeredInOrderOnOneConnection() throws Exception {
    String first = signedRequest("r_p1");
    String second = signedRequest("r_p2");
    try (Socket s = open()) {
      s.setSoTimeout(5000);
      s.getOutputStream().write((first + second).getBytes(UTF_8));
      String answers = readAnswers(s.getInputStream(), 2);

      assertThat(answers.split("HTTP/1.1 202", -1)).hasSize(3);
      assertThat(answers.indexOf("r_p1")).isLessThan(answers.indexOf("r_p2"));
    }
    assertThat(accepted).hasValue(2);
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", receiver.port());
    sockets.add(s);
    return s;
  }

  private static void oneByte(Socket s) {
    try {
      OutputStream out = s.getOutputStream();
      out.write('a');
      out.flush();
    } catch (IOException e) {
      // Closed by the server: exactly what should happen.
    }
  }

  /** Reads until the server closes the connection; false if it stays open past {@code bound}. */
  private static boolean closedByServer(Socket s, Duration bound) throws IOException {
    s.setSoTimeout((int) bound.toMillis());
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // the JDK answers nothing to these; anything it sends is read and dropped
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset: closed with unread bytes
    }
  }

  private String deliver(String runId, Duration bound) throws IOException {
    try (Socket s = open()) {
      s.setSoTimeout((int) bound.toMillis());
      s.getOutputStream().write(signedRequest(runId).getBytes(UTF_8));
      return readAnswers(s.getInputStream(), 1);
    }
  }

  private static String signedRequest(String runId) {
    String body = "{\"port_context\":{\"runId\":\"" + runId + "\",\"action\":\"deploy\"}}";
    long ts = System.currentTimeMillis() / 1000;
    return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "x-port-timestamp: "
        + ts
        + "\r\nx-port-signature: "
        + Signer.withSecret(SECRET).sign(ts, body)
        + "\r\nContent-Length: "
        + body.getBytes(UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /** Reads {@code count} whole answers (each with a Content-Length body). */
  private static String readAnswers(InputStream in, int count) throws IOException {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < count; i++) {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          return all.append(head).toString();
        }
        head.append((char) c);
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      all.append(head).append(new String(in.readNBytes(length), UTF_8));
    }
    return all.toString();
  }
}
