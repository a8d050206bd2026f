package io.portkit.benchmarks.queue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.journal.RunJournal;
import io.portkit.benchmarks.e2e.Args;
import io.portkit.benchmarks.e2e.LocalBackend;
import io.portkit.benchmarks.e2e.WebhookBurst;
import io.portkit.client.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A burst queued on a journal, then drained: the heap each waiting run costs, and the time the
 * dispatcher takes to run them all once its handlers are free.
 *
 * <pre>{@code
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar \
 *   io.portkit.benchmarks.queue.BurstDrainBenchmark --runs 2000
 * }</pre>
 *
 * <p>Creates the runs in the emulator (same JVM) and measures used heap after GC; delivers one
 * signed webhook per run (at most 256 open at once) to a backend with a journal (in a temporary
 * directory, fsync on) and the default {@code maxInFlight} of 64, whose handlers wait until every
 * run was answered; measures heap again with the rest queued; then opens the gate and times the
 * drain: from the gate to the last run's final status, every handler returning at once. {@code
 * --labels false} turns the waiting labels off. Not run by the build.
 */
public final class BurstDrainBenchmark {
  private static final Duration WAIT = Duration.ofMinutes(5);

  private BurstDrainBenchmark() {}

  /**
   * Runs the measurement and prints the figures.
   *
   * @param args {@code --runs N} (default 2000), {@code --max-in-flight N} (default 64), {@code
   *     --labels true|false} (default true)
   * @throws Exception if a delivery is not answered 202 or a run does not end within 5 minutes
   */
  public static void main(String[] args) throws Exception {
    int runs = Args.intOf(args, "--runs", 2_000);
    int maxInFlight = Args.intOf(args, "--max-in-flight", 64);
    boolean labels = !List.of(args).contains("false");
    Path dir = Files.createTempDirectory("portkit-burst-journal");
    RunJournal journal = RunJournal.open(dir);
    CountDownLatch gate = new CountDownLatch(1);
    try (LocalBackend backend =
        new LocalBackend(
            d ->
                d.journal(journal)
                    .maxInFlight(maxInFlight)
                    .queueLabels(labels)
                    .rememberRuns(runs + 1, Duration.ofHours(1))
                    .handle(
                        LocalBackend.ACTION,
                        (run, ctx) -> {
                          if (!gate.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the gate never opened");
                          }
                        }))) {
      List<String> ids = new ArrayList<>(runs);
      for (int i = 0; i < runs; i++) {
        ids.add(
            backend
                .port()
                .createRun(LocalBackend.ACTION, JsonNodeFactory.instance.objectNode())
                .id());
      }
      long before = WebhookBurst.usedHeapAfterGc();
      long deliverStart = System.nanoTime();
      WebhookBurst.Result burst = WebhookBurst.deliver(backend, ids, 256, WAIT);
      burst.firstRefusals().forEach(r -> System.out.println("unexpected: " + r));
      int accepted = burst.accepted();
      long delivered = System.nanoTime() - deliverStart;
      if (accepted != runs) {
        throw new IllegalStateException(accepted + " of " + runs + " deliveries answered 202");
      }
      long during = WebhookBurst.usedHeapAfterGc();
      int queued = backend.dispatcher().queued();
      long syncsBefore = journal.syncCount();

      long drainStart = System.nanoTime();
      gate.countDown();
      if (!backend.dispatcher().awaitIdle(WAIT)) {
        throw new IllegalStateException("runs still queued or running after " + WAIT);
      }
      long drained = System.nanoTime() - drainStart;
      long succeeded =
          ids.stream()
              .map(id -> backend.port().run(id).orElseThrow())
              .filter(r -> r.status().equals(RunStatus.SUCCESS))
              .count();
      System.out.printf(
          "java %s, %d runs, maxInFlight %d, labels %s: all answered 202 in %d ms; %d queued%n",
          Runtime.version(),
          runs,
          maxInFlight,
          labels,
          TimeUnit.NANOSECONDS.toMillis(delivered),
          queued);
      System.out.printf(
          "heap after GC: %.1f MB before, %.1f MB with %d queued: %.1f KB per waiting run%n",
          before / 1e6, during / 1e6, queued, (during - before) / 1e3 / runs);
      System.out.printf(
          "drain: %d ms from the gate to the last final status (%.0f runs/s); %d SUCCESS;"
              + " journal forces during the drain: %d; label PATCHes: %d%n",
          TimeUnit.NANOSECONDS.toMillis(drained),
          runs / (drained / 1e9),
          succeeded,
          journal.syncCount() - syncsBefore,
          backend.port().requests().stream()
              .filter(
                  r ->
                      r.body() != null
                          && r.body().contains("\"statusLabel\"")
                          && !r.body().contains("\"status\""))
              .count());
    }
  }
}
