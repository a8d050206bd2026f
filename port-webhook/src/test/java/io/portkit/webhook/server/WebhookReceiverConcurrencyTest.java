package io.portkit.webhook.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * A synchronized action holds its exchange until the handler answers: the receiver must keep taking
 * deliveries while several such exchanges wait.
 */
class WebhookReceiverConcurrencyTest {
  private static final long TS = 1713277889L;
  private static final String SECRET = "s3cr3t";

  /** A dispatcher that blocks like a synchronized handler until released. */
  private static final class BlockingDispatcher implements InvocationDispatcher {
    final CountDownLatch entered;
    final CountDownLatch release = new CountDownLatch(1);

    BlockingDispatcher(int expected) {
      entered = new CountDownLatch(expected);
    }

    @Override
    public DispatchOutcome dispatch(RunInvocation run) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return DispatchOutcome.accepted();
    }
  }

  @Test
  void explicitThreads_thatManyBlockedExchanges_allReachTheDispatcher() throws Exception {
    assertConcurrentExchanges(6, b -> b.threads(6));
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void defaultExecutorOnJava21_moreBlockedExchangesThanCores_allReachTheDispatcher()
      throws Exception {
    assertConcurrentExchanges(4 * Math.max(2, Runtime.getRuntime().availableProcessors()), b -> b);
  }

  private static void assertConcurrentExchanges(
      int count, java.util.function.UnaryOperator<WebhookReceiver.Builder> configure)
      throws Exception {
    BlockingDispatcher dispatcher = new BlockingDispatcher(count);
    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .addSecret(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
            .build();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (WebhookReceiver receiver =
        configure
            .apply(
                WebhookReceiver.builder()
                    .verifier(verifier)
                    .dispatcher(dispatcher)
                    .port(0)
                    .stopGrace(Duration.ZERO))
            .start()) {
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String body = "{\"port_context\":{\"runId\":\"r_" + i + "\"}}";
        answers.add(
            client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/"))
                    .header("x-port-timestamp", Long.toString(TS))
                    .header("x-port-signature", Signer.withSecret(SECRET).sign(TS, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }

      boolean allInside = dispatcher.entered.await(20, TimeUnit.SECONDS);
      dispatcher.release.countDown();

      assertThat(allInside).as("%d exchanges waiting in the dispatcher at once", count).isTrue();
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
      }
    }
  }
}
