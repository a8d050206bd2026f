package io.portkit.testkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.RetryPolicy;
import io.portkit.client.Sleeper;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.invoke.WebhookSender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many signed deliveries fired at once at a real receiver and dispatcher that report to the
 * emulator: every accepted run must reach exactly one final status, none lost.
 *
 * <p>The size is {@code -Dportkit.load.runs} (default 1,000 so CI stays fast); the full load is
 * {@code mvn -o -q -pl port-testkit -am verify -Dtest=LoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dportkit.load.runs=10000}.
 */
class LoadTest {
  private static final int RUNS = Integer.getInteger("portkit.load.runs", 1_000);
  private static final int MAX_OUTSTANDING = 256;

  @Test
  void signedDeliveries_firedConcurrently_everyRunEndsExactlyOnce() throws Exception {
    Set<String> handled = ConcurrentHashMap.newKeySet();
    AtomicInteger handlerCalls = new AtomicInteger();
    // No failure is injected, so retries should not happen; if the loopback stack drops a
    // connection under load the client may retry, which is counted and printed, not slept.
    AtomicInteger clientRetries = new AtomicInteger();
    Sleeper noRetries = d -> clientRetries.incrementAndGet();
    try (Rig rig =
        new Rig(
            e -> e,
            RetryPolicy.DEFAULT,
            noRetries,
            d ->
                d.handle(
                    Rig.ACTION,
                    (run, ctx) -> {
                      handlerCalls.incrementAndGet();
                      handled.add(run.runId());
                      ctx.log("deploying " + run.inputs().path("version").asText());
                    }))) {
      List<String> ids = rig.createRuns(RUNS);
      WebhookSender sender = WebhookSender.builder().build();
      Firehose firehose = new Firehose(rig, sender, MAX_OUTSTANDING, Duration.ofMillis(2));
      Duration budget = Duration.ofSeconds(60).plusMillis(20L * RUNS);

      long started = System.nanoTime();
      firehose.fireAll(ids, budget);
      assertThat(rig.dispatcher.awaitIdle(budget)).as("dispatcher idle").isTrue();
      for (String id : ids) {
        rig.port.awaitFinalStatus(id, budget);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      Map<String, Integer> terminations = rig.acceptedTerminations();
      Map<String, String> notSuccess =
          rig.port.runs().stream()
              .filter(r -> !r.status().equals(RunStatus.SUCCESS))
              .collect(Collectors.toMap(EmulatedRun::id, r -> r.status() + " " + r.summary()));
      System.out.printf(
          "load: %d runs, %d accepted (202), %d duplicate answers, %d saturated (503) retried,"
              + " %d transport failures retried, %d client retries, all final in %d ms (%.0f runs/s)%n",
          RUNS,
          firehose.accepted.get(),
          firehose.duplicates.get(),
          firehose.saturated.get(),
          firehose.transportFailures.get(),
          clientRetries.get(),
          elapsed.toMillis(),
          RUNS * 1e9 / elapsed.toNanos());

      assertThat(firehose.refused).as("deliveries refused").isEmpty();
      assertThat(firehose.accepted.get() + firehose.duplicates.get()).isEqualTo(RUNS);
      assertThat(handled).hasSize(RUNS).containsAll(ids);
      assertThat(handlerCalls).hasValue(RUNS);
      assertThat(notSuccess).as("runs not SUCCESS").isEmpty();
      assertThat(terminations.keySet()).as("runs with a final status request").hasSize(RUNS);
      assertThat(
              terminations.entrySet().stream()
                  .filter(t -> t.getValue() != 1)
                  .map(Map.Entry::getKey))
          .as("runs ended more than once")
          .isEmpty();
    }
  }
}
