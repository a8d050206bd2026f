package io.portkit.benchmarks.memory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.benchmarks.e2e.Args;
import io.portkit.benchmarks.e2e.LocalBackend;
import io.portkit.benchmarks.e2e.WebhookBurst;
import io.portkit.client.run.RunStatus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap used with many runs in flight at once, every handler waiting on a latch: the figure that
 * says whether a backend can hold 10,000 slow runs (virtual threads on Java 21+) in 256 MB.
 *
 * <pre>{@code
 * mvn -o -q -pl benchmarks -am package -DskipTests
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 $JAVA_HOME/bin/java -Xmx256m \
 *   -cp benchmarks/target/benchmarks.jar io.portkit.benchmarks.memory.InFlightMemoryBenchmark --runs 10000
 * }</pre>
 *
 * <p>Creates the runs in the emulator (same JVM), measures used heap after GC, delivers one signed
 * webhook per run, waits until every accepted handler is waiting, measures again, then releases
 * them in waves and counts the runs that ended SUCCESS. {@code --max-in-flight} defaults to {@code
 * --runs}; on Java 17 the dispatcher's pool has that many platform threads. Not run by the build.
 */
public final class InFlightMemoryBenchmark {
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final int WAVE = 256;

  private InFlightMemoryBenchmark() {}

  /**
   * Runs the measurement and prints the figures.
   *
   * @param args {@code --runs N} (default 10000), {@code --max-in-flight N} (default: runs)
   * @throws Exception if the handlers do not all start, or a run does not end, within 5 minutes
   */
  public static void main(String[] args) throws Exception {
    int runs = Args.intOf(args, "--runs", 10_000);
    int maxInFlight = Args.intOf(args, "--max-in-flight", runs);
    Semaphore release = new Semaphore(0);
    Semaphore entered = new Semaphore(0);
    try (LocalBackend backend =
        new LocalBackend(
            d ->
                d.maxInFlight(maxInFlight)
                    .rememberRuns(runs + 1, Duration.ofHours(1))
                    .handle(
                        LocalBackend.ACTION,
                        (run, ctx) -> {
                          entered.release();
                          release.acquire(); // the run waits, as a slow deployment would
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
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

      WebhookBurst.Result burst = WebhookBurst.deliver(backend, ids, 256, WAIT);
      int accepted = burst.accepted();
      if (accepted < maxInFlight) { // fewer than the slots: the refusals were not for capacity
        burst.firstRefusals().forEach(r -> System.out.println("unexpected answer: " + r));
      }
      if (!entered.tryAcquire(accepted, WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "only " + entered.availablePermits() + " of " + accepted + " handlers started");
      }
      long during = WebhookBurst.usedHeapAfterGc();
      int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
      int inFlight = backend.dispatcher().inFlight();
      report(
          runs,
          maxInFlight,
          accepted,
          burst.refused(),
          inFlight,
          before,
          during,
          threadsBefore,
          threadsDuring);

      finishInWaves(backend, release, accepted);
      long succeeded =
          ids.stream()
              .map(id -> backend.port().run(id).orElseThrow())
              .filter(r -> r.status().equals(RunStatus.SUCCESS))
              .count();
      System.out.printf(
          "released in waves of %d: %d runs ended SUCCESS (%d expected)%n",
          WAVE, succeeded, accepted);
    }
  }

  /**
   * Lets the waiting handlers finish {@value #WAVE} at a time. Releasing all at once would send
   * every final PATCH together: thousands of connections into the emulator, which shares this 256
   * MB heap, so the figure would be the emulator's, not the backend's.
   */
  private static void finishInWaves(LocalBackend backend, Semaphore release, int accepted)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (int released = 0; released < accepted; ) {
      int wave = Math.min(WAVE, accepted - released);
      release.release(wave);
      released += wave;
      while (backend.dispatcher().inFlight() > accepted - released) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("runs still in flight after " + WAIT);
        }
        Thread.sleep(5); // a benchmark main, not a test: polling the in-flight gauge is enough
      }
    }
  }

  /** Returns the process's resident memory from {@code /proc/self/status} (Linux), else "n/a". */
  private static String residentSetSize() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return line.substring("VmRSS:".length()).trim();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return "n/a (" + e.getClass().getSimpleName() + ")";
    }
    return "n/a";
  }

  private static void report(
      int runs,
      int maxInFlight,
      int accepted,
      int refused,
      int inFlight,
      long before,
      long during,
      int threadsBefore,
      int threadsDuring) {
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(
        "memory: java %s, max heap %d MB, runs %d, maxInFlight %d%n",
        Runtime.version(), max >> 20, runs, maxInFlight);
    System.out.printf(
        "accepted %d, refused (503) %d, in flight while measured %d%n",
        accepted, refused, inFlight);
    System.out.printf(
        "used heap after GC: %.1f MB with the runs created, %.1f MB with %d handlers waiting"
            + " (+%.1f MB, %.1f KB per waiting run)%n",
        before / 1048576.0,
        during / 1048576.0,
        inFlight,
        (during - before) / 1048576.0,
        inFlight == 0 ? 0.0 : (during - before) / 1024.0 / inFlight);
    System.out.printf(
        "live platform threads: %d before, %d while waiting; process RSS while waiting: %s%n",
        threadsBefore, threadsDuring, residentSetSize());
  }
}
