package io.portkit.benchmarks.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.portkit.testkit.invoke.OutgoingWebhook;
import io.portkit.testkit.invoke.WebhookSender;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the burst benchmarks share: one signed webhook per run delivered to a {@link LocalBackend}
 * with a bounded number open at once, and the heap measured after a collection.
 */
public final class WebhookBurst {
  /**
   * How a burst was answered.
   *
   * @param accepted deliveries answered 202
   * @param refused the others: another status, or no answer
   * @param firstRefusals what the first three of those got, for the benchmark's output
   */
  public record Result(int accepted, int refused, List<String> firstRefusals) {}

  private WebhookBurst() {}

  /**
   * Delivers one webhook per run id to {@code backend}'s receiver, at most {@code maxOpen} open at
   * once, and waits at most {@code wait} for every answer. Refusals are counted, not retried.
   */
  public static Result deliver(LocalBackend backend, List<String> ids, int maxOpen, Duration wait)
      throws Exception {
    WebhookSender sender = WebhookSender.builder().timeout(wait).build();
    Semaphore open = new Semaphore(maxOpen);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<String> firstRefusals = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> answers = new ArrayList<>(ids.size());
    for (String id : ids) {
      open.acquire();
      String body =
          "{\"port_context\":{\"runId\":\""
              + id
              + "\",\"action\":\""
              + LocalBackend.ACTION
              + "\"},\"inputs\":{},\"entity\":{}}";
      answers.add(
          sender
              .sendAsync(
                  OutgoingWebhook.to(backend.receiver().uri())
                      .secret(backend.port().clientSecret())
                      .body(body.getBytes(UTF_8))
                      .build())
              .whenComplete(
                  (answer, failure) -> {
                    open.release();
                    if (answer != null && answer.status() == 202) {
                      accepted.incrementAndGet();
                    } else if (refused.incrementAndGet() <= 3) {
                      firstRefusals.add(
                          answer == null
                              ? "no answer: " + failure
                              : answer.status() + " " + answer.bodyText());
                    }
                  }));
    }
    CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
        .exceptionally(e -> null)
        .get(wait.toSeconds(), TimeUnit.SECONDS);
    return new Result(accepted.get(), refused.get(), List.copyOf(firstRefusals));
  }

  /** Returns the used heap after asking for three collections (finalizable and soft garbage). */
  public static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc(); // a benchmark may ask
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
