package io.portkit.webhook.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@link WebhookReceiver#close()} waits for the exchanges in flight and no longer: on Java 17 the
 * JDK server's {@code stop(delay)} waited the whole delay even when idle (JDK-8304065).
 */
class WebhookReceiverCloseTest {
  private static final String SECRET = "close-test-secret";
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static WebhookReceiver.Builder receiver() {
    return WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder().addSecret(SECRET).build())
        .port(0)
        .shutdownHook(false);
  }

  private HttpRequest delivery(WebhookReceiver rx, String runId) {
    String body = "{\"port_context\":{\"runId\":\"" + runId + "\",\"action\":\"deploy\"}}";
    long ts = System.currentTimeMillis() / 1000;
    return HttpRequest.newBuilder(rx.uri())
        .header("x-port-timestamp", Long.toString(ts))
        .header("x-port-signature", Signer.withSecret(SECRET).sign(ts, body))
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Test
  void close_idleWithLongGrace_returnsWithoutWaitingTheGrace() throws Exception {
    WebhookReceiver rx =
        receiver()
            .dispatcher(run -> DispatchOutcome.accepted())
            .stopGrace(Duration.ofSeconds(60))
            .start();
    assertThat(client.send(delivery(rx, "r_1"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(202);

    long start = System.nanoTime();
    CompletableFuture<Void> closed = CompletableFuture.runAsync(rx::close);

    // Generous: before the fix, Java 17 took the whole 60 s grace.
    closed.get(20, SECONDS);
    System.out.printf(
        "close: idle receiver (grace 60 s) closed in %d ms on Java %d%n",
        (System.nanoTime() - start) / 1_000_000, Runtime.version().feature());
  }

  @Test
  void close_exchangeInFlight_waitsForItAndAnswersNewOnes503() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WebhookReceiver rx =
        receiver()
            .dispatcher(
                run -> {
                  if (run.runId().equals("r_slow")) {
                    entered.countDown();
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  return DispatchOutcome.accepted();
                })
            .stopGrace(Duration.ofSeconds(60))
            .start();
    CompletableFuture<HttpResponse<String>> slow =
        client.sendAsync(delivery(rx, "r_slow"), HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(20, SECONDS)).isTrue();

    CompletableFuture<Void> closed = CompletableFuture.runAsync(rx::close);
    // A delivery that arrives while close() waits is refused rather than taken; probe until the
    // receiver says so (each probe before that is simply accepted).
    HttpResponse<String> probe = null;
    long deadline = System.nanoTime() + SECONDS.toNanos(20);
    for (int i = 0; System.nanoTime() < deadline; i++) {
      probe = client.send(delivery(rx, "r_probe_" + i), HttpResponse.BodyHandlers.ofString());
      if (probe.statusCode() == 503) {
        break;
      }
    }
    assertThat(closed).isNotDone(); // r_slow is still in flight and the grace is 60 s
    release.countDown();

    assertThat(probe.statusCode()).isEqualTo(503);
    assertThat(probe.body()).contains("\"error\":\"shutting_down\"");
    assertThat(slow.get(20, SECONDS).statusCode()).isEqualTo(202);
    closed.get(20, SECONDS);
  }
}
