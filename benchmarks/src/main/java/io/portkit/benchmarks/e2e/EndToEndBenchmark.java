package io.portkit.benchmarks.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs per second from trigger to final status: {@code window} simulated users each trigger the
 * {@code noop} action in the emulator (which signs and delivers the webhook like Port), and wait
 * for the run's final status, reported by the dispatcher through the client (the noop handler calls
 * {@code succeed}, one PATCH). Closed loop, so the rate is what the whole path sustains.
 *
 * <pre>{@code
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.portkit.benchmarks.e2e.EndToEndBenchmark --runs 5000 --window 32
 * }</pre>
 *
 * <p>Not a JMH benchmark: each operation crosses three HTTP hops and several threads, so a wall
 * clock over thousands of runs after a warm-up is the meaningful figure. Not run by the build.
 */
public final class EndToEndBenchmark {
  private static final String SUMMARY = "Received by portkit (noop handler): nothing else to do";
  private static final Duration RUN_WAIT = Duration.ofSeconds(60);

  private EndToEndBenchmark() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args {@code --runs N} (measured, default 5000), {@code --warmup N} (default 1000),
   *     {@code --window N} (concurrent users, default 32)
   * @throws Exception if a run does not end SUCCESS within 60 s
   */
  public static void main(String[] args) throws Exception {
    int runs = Args.intOf(args, "--runs", 5_000);
    int warmup = Args.intOf(args, "--warmup", 1_000);
    int window = Args.intOf(args, "--window", 32);
    try (LocalBackend backend =
        // A run stays in flight until the emulator has answered its final PATCH, but the user
        // triggers the next run as soon as the emulator has recorded the status. On Java 25 with
        // two cores the finished run's virtual thread can wait a cycle or two for a carrier, so 32
        // users were seen holding up to 74 runs in the dispatcher: leave room, or the benchmark
        // measures 503 "saturated" instead of throughput.
        new LocalBackend(
            d ->
                d.maxInFlight(Math.max(256, window * 8))
                    .handle(LocalBackend.ACTION, (run, ctx) -> ctx.succeed(SUMMARY)))) {
      round(backend, warmup, window); // JIT, connection pools, token
      long[] latencies = round(backend, runs, window);
      System.out.printf(
          "end to end: java %s, %d cores, window %d%n",
          Runtime.version(), Runtime.getRuntime().availableProcessors(), window);
      System.out.printf(
          "%d runs in %d ms: %.0f runs/s; latency trigger->final p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          runs,
          latencies[runs] / 1_000_000,
          runs * 1e9 / latencies[runs],
          pct(latencies, runs, 0.50),
          pct(latencies, runs, 0.99),
          pct(latencies, runs, 1.0));
    }
  }

  /**
   * Triggers {@code runs} runs with {@code window} users; returns sorted latencies, then the total.
   */
  private static long @Nullable [] round(LocalBackend backend, int runs, int window)
      throws Exception {
    long[] latencies = new long[runs + 1];
    AtomicInteger next = new AtomicInteger();
    ExecutorService users = Executors.newFixedThreadPool(window);
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int u = 0; u < window; u++) {
        done.add(
            users.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    String id =
                        backend
                            .port()
                            .trigger(LocalBackend.ACTION, JsonNodeFactory.instance.objectNode())
                            .id();
                    EmulatedRun run = backend.port().awaitFinalStatus(id, RUN_WAIT);
                    if (!run.status().equals(RunStatus.SUCCESS)) {
                      throw new IllegalStateException(
                          "run " + id + " ended " + run.status() + ": " + run.summary());
                    }
                    latencies[i] = System.nanoTime() - t0;
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      users.shutdownNow();
    }
    latencies[runs] = System.nanoTime() - started;
    Arrays.sort(latencies, 0, runs);
    return latencies;
  }

  private static double pct(long[] sorted, int n, double p) {
    int i = Math.min(n - 1, (int) Math.ceil(p * n) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
