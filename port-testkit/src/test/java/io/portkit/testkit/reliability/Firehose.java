package io.portkit.testkit.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.portkit.testkit.invoke.OutgoingWebhook;
import io.portkit.testkit.invoke.WebhookAnswer;
import io.portkit.testkit.invoke.WebhookSender;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Fires one signed delivery per run id at a receiver with {@link WebhookSender#sendAsync}, as fast
 * as the machine allows, with at most {@code maxOutstanding} requests open at once (beyond a few
 * hundred the loopback accept queue overflows and connects stall on SYN retries, which measures the
 * kernel rather than portkit). A 503 answer (the dispatcher is saturated) and a lost connection are
 * retried after {@code retryDelay}, like Port's agent would; both are counted.
 */
final class Firehose {
  /** Transport failures tolerated per run before the delivery is reported as failed. */
  private static final int MAX_TRANSPORT_RETRIES = 5;

  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger duplicates = new AtomicInteger();
  final AtomicInteger saturated = new AtomicInteger();
  final AtomicInteger transportFailures = new AtomicInteger();
  final ConcurrentHashMap<String, String> refused = new ConcurrentHashMap<>();

  private final WebhookSender sender;
  private final URI receiver;
  private final String secret;
  private final Function<String, String> bodies;
  private final Semaphore outstanding;
  private final Executor retryLater;

  Firehose(Rig rig, WebhookSender sender, int maxOutstanding, Duration retryDelay) {
    this.sender = sender;
    this.receiver = rig.receiver.uri();
    this.secret = rig.port.clientSecret();
    this.bodies = rig::body;
    this.outstanding = new Semaphore(maxOutstanding);
    this.retryLater = CompletableFuture.delayedExecutor(retryDelay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Fires every delivery and waits until each one got a final answer, or {@code timeout} passes.
   */
  void fireAll(List<String> runIds, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CompletableFuture<Void>> all = new ArrayList<>(runIds.size());
    for (String id : runIds) {
      if (!outstanding.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError(
            "deliveries did not drain within " + timeout + "; fired " + all.size());
      }
      CompletableFuture<Void> done = new CompletableFuture<>();
      done.whenComplete((v, e) -> outstanding.release());
      attempt(id, 0, done);
      all.add(done);
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void attempt(String runId, int transportRetries, CompletableFuture<Void> done) {
    OutgoingWebhook hook =
        OutgoingWebhook.to(receiver)
            .secret(secret)
            .body(bodies.apply(runId).getBytes(UTF_8))
            .build();
    sender
        .sendAsync(hook)
        .whenComplete(
            (answer, failure) -> {
              if (failure != null) {
                transportFailures.incrementAndGet();
                if (transportRetries >= MAX_TRANSPORT_RETRIES) {
                  refused.put(
                      runId, "no answer after " + (transportRetries + 1) + " attempts: " + failure);
                  done.complete(null);
                } else {
                  retryLater.execute(() -> attempt(runId, transportRetries + 1, done));
                }
                return;
              }
              answered(runId, answer, transportRetries, done);
            });
  }

  private void answered(
      String runId, WebhookAnswer answer, int transportRetries, CompletableFuture<Void> done) {
    if (answer.status() == 503) {
      saturated.incrementAndGet();
      retryLater.execute(() -> attempt(runId, transportRetries, done));
      return;
    }
    if (answer.status() == 202) {
      accepted.incrementAndGet();
    } else if (answer.status() == 200 && transportRetries > 0) {
      duplicates.incrementAndGet(); // an earlier attempt got through before its connection failed
    } else {
      refused.put(runId, answer.status() + " " + answer.bodyText());
    }
    done.complete(null);
  }
}
