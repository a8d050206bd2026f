package io.portkit.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.WebhookDelivery;
import io.portkit.testkit.queue.FinalStatuses;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a backend JVM with SIGKILL while runs wait in its queue, starts a new one on the same
 * journal, and checks nothing queued is lost: runs that had started (not resumable) end FAILURE
 * "backend restarted", every queued run runs in the new process, and runs with one concurrency key
 * keep their order.
 */
class QueueRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int BURST = 2_000;
  private static final int WAVE = 100;

  @TempDir Path journal;

  @Test
  void burstOf2000_sigkillWhileQueued_restartRunsEveryQueuedRunOnce() throws Exception {
    try (PortEmulator port = PortEmulator.start()) {
      List<String> ids = new ArrayList<>();
      List<String> startedFirst;
      try (ChildBackend first = ChildBackend.start(QueueChild.class, port, journal, "block")) {
        port.defineAction(action("bulk", first.awaitListening(WAIT)));
        triggerInWaves(port, "bulk", BURST, ids);
        first.awaitStarted(QueueChild.MAX_IN_FLIGHT, WAIT);
        startedFirst = first.started();

        first.kill(WAIT);
      }
      assertThat(ids)
          .extracting(id -> port.run(id).orElseThrow())
          .flatExtracting(EmulatedRun::deliveries)
          .extracting(WebhookDelivery::status)
          .containsOnly(202);
      assertThat(port.runs()).extracting(EmulatedRun::status).containsOnly(RunStatus.IN_PROGRESS);
      assertThat(startedFirst).hasSize(QueueChild.MAX_IN_FLIGHT);

      try (ChildBackend second = ChildBackend.start(QueueChild.class, port, journal, "finish")) {
        second.awaitListening(WAIT);
        List<EmulatedRun> ended = ids.stream().map(id -> port.awaitFinalStatus(id, WAIT)).toList();
        second.awaitStarted(BURST - QueueChild.MAX_IN_FLIGHT, WAIT); // its stdout may lag

        for (EmulatedRun run : ended) {
          if (startedFirst.contains(run.id())) {
            assertThat(run.status()).as(run.id()).isEqualTo(RunStatus.FAILURE);
            assertThat(run.statusLabel()).isEqualTo("backend restarted");
          } else {
            assertThat(run.status()).as(run.id()).isEqualTo(RunStatus.SUCCESS);
            assertThat(run.logs())
                .extracting(RunLogEntry::message)
                .containsExactly("done by the second process");
          }
        }
        assertThat(second.started())
            .hasSize(BURST - QueueChild.MAX_IN_FLIGHT)
            .doesNotContainAnyElementsOf(startedFirst)
            .doesNotHaveDuplicates();
        Map<String, Integer> finals = FinalStatuses.perRun(port);
        assertThat(finals).hasSize(BURST);
        assertThat(finals.values()).containsOnly(1);
      }
    }
  }

  @Test
  void concurrencyKey_sigkill_restartKeepsTheOrderOfTheWaitingRuns() throws Exception {
    try (PortEmulator port = PortEmulator.start()) {
      String k1;
      String k2;
      String k3;
      String other;
      try (ChildBackend first = ChildBackend.start(QueueChild.class, port, journal, "block")) {
        port.defineAction(action("keyed", first.awaitListening(WAIT)));
        k1 = port.trigger("keyed", service("checkout")).id();
        first.awaitRunning(k1, WAIT);
        k2 = port.trigger("keyed", service("checkout")).id();
        port.awaitDelivery(k2, WAIT);
        k3 = port.trigger("keyed", service("checkout")).id();
        port.awaitDelivery(k3, WAIT);
        other = port.trigger("keyed", service("payments")).id();
        first.awaitRunning(other, WAIT); // another key does not wait
        // Its handler may print before the 202 is written: kill only once the answer arrived.
        port.awaitDelivery(other, WAIT);
        port.awaitDelivery(k1, WAIT);

        assertThat(first.started()).containsExactly(k1, other);
        first.kill(WAIT);
      }
      assertThat(List.of(k1, k2, k3, other))
          .extracting(id -> port.run(id).orElseThrow())
          .flatExtracting(EmulatedRun::deliveries)
          .extracting(WebhookDelivery::status)
          .containsOnly(202);

      try (ChildBackend second = ChildBackend.start(QueueChild.class, port, journal, "finish")) {
        second.awaitListening(WAIT);
        EmulatedRun r1 = port.awaitFinalStatus(k1, WAIT);
        EmulatedRun r2 = port.awaitFinalStatus(k2, WAIT);
        EmulatedRun r3 = port.awaitFinalStatus(k3, WAIT);
        EmulatedRun ro = port.awaitFinalStatus(other, WAIT);
        second.awaitRunning(k3, WAIT); // its stdout may lag behind the emulator

        assertThat(r1.statusLabel()).isEqualTo("backend restarted");
        assertThat(ro.statusLabel()).isEqualTo("backend restarted");
        assertThat(r2.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r3.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(second.started()).containsExactly(k2, k3);
        // k3 started only once k2 had ended: its handler's log line follows k2's final status.
        assertThat(r3.logs().get(0).createdAt()).isAfterOrEqualTo(r2.endedAt());
      }
    }
  }

  /**
   * Creates {@code count} runs of {@code action}, {@value #WAVE} at a time, each wave delivered
   * before the next: the emulator sends every webhook at once on its own connection, and more
   * connections than the JDK server's idle-connection bound (1,024 as portkit sets it, 200 in a JVM
   * whose first server started without it) make it close answered connections a client may already
   * be reusing (docs/performance.md). The handlers block meanwhile, so the queue still fills
   * exactly as with one burst.
   */
  static void triggerInWaves(PortEmulator port, String action, int count, List<String> ids) {
    for (int from = 0; from < count; from += WAVE) {
      List<String> wave = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + WAVE); i++) {
        wave.add(port.trigger(action, JsonNodeFactory.instance.objectNode()).id());
      }
      for (String id : wave) {
        port.awaitDelivery(id, WAIT);
      }
      ids.addAll(wave);
    }
  }

  private static ObjectNode service(String name) {
    return JsonNodeFactory.instance.objectNode().put("service", name);
  }

  private static Action action(String id, int httpPort) {
    return Action.builder(id)
        .title(id)
        .invocationMethod(
            InvocationMethod.webhook(URI.create("http://127.0.0.1:" + httpPort + "/")))
        .build();
  }
}
