package io.portkit.webhook.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import io.portkit.webhook.internal.JdkHttpServerDefaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of connections waits in the kernel's listen queue while the receiver's one accepting
 * thread is busy, and every one of them is answered (ADR 0237). With the JDK's default backlog of
 * 50, 500 webhooks sent at once overflowed that queue; Linux answered the overflow with SYN cookies
 * and reset the connections whose cookie failed after their request was sent, which the sender saw
 * as "header parser received no bytes" (the RateLimitUnderLoadTest failure in CI).
 *
 * <p>Deterministic: the receiver's executor holds the accepting thread on a first request, so that
 * nothing is accepted while the burst connects, and the test counts the handshakes the kernel
 * completed. Linux only (it reads {@code net.core.somaxconn}, which caps any backlog).
 */
class ListenBacklogTest {
  private static final String SECRET = "listen-backlog-secret";
  private static final Duration HANDSHAKES = Duration.ofSeconds(2);
  private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final ExecutorService readers = Executors.newFixedThreadPool(16);
  private final List<SocketChannel> channels = new ArrayList<>();
  private WebhookReceiver receiver;

  @AfterEach
  void stop() throws IOException {
    release.countDown();
    for (SocketChannel channel : channels) {
      channel.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    readers.shutdownNow();
    pool.shutdownNow();
  }

  @Test
  void aBurstBeyondTheJdksFiftyWaitsInTheQueue_andEveryConnectionIsAnswered() throws Exception {
    int burst = burstSize();
    receiver = stalledReceiver(JdkHttpServerDefaults.DEFAULT_BACKLOG);
    SocketChannel plug = stallTheAcceptingThread();

    int connected = connectAll(burst);

    assertThat(connected).as("handshakes completed while nothing was accepted").isEqualTo(burst);
    for (SocketChannel channel : channels) {
      send(channel);
    }
    release.countDown();
    List<Future<String>> answers = new ArrayList<>();
    for (SocketChannel channel : channels) {
      answers.add(readers.submit(() -> statusLine(channel)));
    }
    for (Future<String> answer : answers) {
      assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 202 Accepted");
    }
    assertThat(readers.submit(() -> statusLine(plug)).get(30, TimeUnit.SECONDS))
        .isEqualTo("HTTP/1.1 202 Accepted");
  }

  @Test
  void withTheJdksDefaultOfFifty_theSameBurstDoesNotFit() throws Exception {
    int burst = burstSize();
    receiver = stalledReceiver(50);
    stallTheAcceptingThread();

    int connected = connectAll(burst);

    // The queue holds the backlog (Linux: one more); the rest wait for a SYN retransmission.
    assertThat(connected).isLessThan(burst).isLessThanOrEqualTo(60);
  }

  @Test
  void aBacklogBelowOneIsRefused_withTheValueItGot() {
    assertThatThrownBy(() -> WebhookReceiver.builder().backlog(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backlog must be at least 1, got 0");
    assertThatThrownBy(
            () -> JdkHttpServerDefaults.create(new InetSocketAddress("127.0.0.1", 0), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -1");
  }

  // 500 webhooks at once, as in RateLimitUnderLoadTest, unless the kernel caps backlogs lower.
  private static int burstSize() throws IOException {
    assumeTrue(Files.isReadable(SOMAXCONN), "Linux only: reads net.core.somaxconn");
    // readAllLines, not readString: on procfs, where files report size 0, readString read "4" of
    // "4096" here (JDK 17).
    int somaxconn = Integer.parseInt(Files.readAllLines(SOMAXCONN).get(0).strip());
    assumeTrue(somaxconn > 100, "net.core.somaxconn " + somaxconn + " caps every backlog");
    return Math.min(500, somaxconn - 2);
  }

  // The JDK server's one thread accepts connections and hands each readable one to the executor:
  // an executor that waits holds that thread, so connections stay in the kernel's queue.
  private WebhookReceiver stalledReceiver(int backlog) {
    return WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().addSecret(SECRET).build())
        .dispatcher(run -> DispatchOutcome.accepted())
        .manualRoute(true)
        .executor(
            task -> {
              stalled.countDown();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              pool.execute(task);
            })
        .backlog(backlog)
        .port(0)
        .shutdownHook(false)
        .stopGrace(Duration.ZERO)
        .start();
  }

  private SocketChannel stallTheAcceptingThread() throws Exception {
    SocketChannel plug = SocketChannel.open(address());
    send(plug);
    assertThat(stalled.await(10, TimeUnit.SECONDS)).as("accepting thread held").isTrue();
    return plug;
  }

  // Starts every connection at once and counts those whose handshake completes within the bound.
  private int connectAll(int count) throws IOException {
    int done = 0;
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < count; i++) {
        SocketChannel channel = SocketChannel.open();
        channels.add(channel);
        channel.configureBlocking(false);
        if (channel.connect(address())) {
          done++;
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT);
        }
      }
      long deadline = System.nanoTime() + HANDSHAKES.toNanos();
      while (done < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          break;
        }
        selector.select(left);
        for (SelectionKey key : selector.selectedKeys()) {
          if (((SocketChannel) key.channel()).finishConnect()) {
            key.cancel();
            done++;
          }
        }
        selector.selectedKeys().clear();
      }
    }
    for (SocketChannel channel : channels) {
      if (channel.isConnected()) {
        channel.configureBlocking(true);
      }
    }
    return done;
  }

  private InetSocketAddress address() {
    return new InetSocketAddress(receiver.uri().getHost(), receiver.uri().getPort());
  }

  private static void send(SocketChannel channel) throws IOException {
    byte[] body = "{\"port_context\":{\"runId\":\"r_backlog\"}}".getBytes(UTF_8);
    long ts = System.currentTimeMillis() / 1000;
    String head =
        "POST /manual HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nx-port-timestamp: "
            + ts
            + "\r\nx-port-signature: "
            + Signer.withSecret(SECRET).sign(ts, body)
            + "\r\n\r\n";
    ByteBuffer out = ByteBuffer.allocate(head.length() + body.length);
    out.put(head.getBytes(ISO_8859_1)).put(body).flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
  }

  // The answer's first line; the server closes the connection after it (Connection: close).
  private static String statusLine(SocketChannel channel) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(4096);
    StringBuilder text = new StringBuilder();
    while (text.indexOf("\r\n") < 0 && channel.read(in) > 0) {
      in.flip();
      text.append(ISO_8859_1.decode(in));
      in.clear();
    }
    int end = text.indexOf("\r\n");
    return end < 0 ? "(closed without an answer: " + text + ")" : text.substring(0, end);
  }
}
