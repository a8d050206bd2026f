package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortClient;
import io.portkit.client.run.RunLogEntry;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.examples.simulator.SimulationPlan;
import io.portkit.examples.simulator.SimulationSpeed;
import io.portkit.examples.simulator.SimulationStep;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: a simulator run costs at most its log lines plus two writes to Port (the links, and
 * the summary with the final status), counted in the emulator's journal, and Port shows the same
 * run as without coalescing: the same lines in order, each with the same label, the same links,
 * summary and status.
 */
class SimulatorWritesPerRunTest {
  private static final int MAX_RUNS = 200;

  private final EmulatedPort port = new EmulatedPort();
  // Held writes go out only with the next write: the timer never fires, so the count is exact.
  private final PortClient coalescing =
      port.client
          .newBuilder()
          .writeCoalescing(Duration.ofMillis(250))
          .flushScheduler((delay, flush) -> {})
          .build();
  private final PortClient off = port.client.newBuilder().writeCoalescing(Duration.ZERO).build();

  @AfterEach
  void close() {
    coalescing.close();
    off.close();
    port.close();
  }

  /** A run's view as Port shows it: each log line with the label shown then, and the end. */
  record View(
      List<String> linesWithLabels,
      String label,
      List<String> links,
      String summary,
      String status) {}

  @Test
  void simulatorRun_coalesced_atMostLogLinesPlusTwoWrites_andPortShowsTheSameRun()
      throws Exception {
    // Run ids are random, so are the plans: play until every plan length (1 to 5 updates) was seen.
    Set<Integer> updates = new TreeSet<>();
    for (int i = 0; updates.size() < SimulationPlan.MAX_UPDATES && i < MAX_RUNS; i++) {
      RunInvocation request = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{\"name\":\"dev\"}");
      SimulationPlan plan =
          SimulationPlan.generate(request.runId().hashCode(), SimulationSpeed.FAST);
      updates.add(plan.updates());
      long logLines =
          plan.steps().stream().filter(s -> s.kind() == SimulationStep.Kind.LOG).count();
      // The same plan played twice: once coalesced on this run, once uncoalesced on another.
      String plain = port.newRun(DemoCatalog.PROVISION_ENVIRONMENT, "{\"name\":\"dev\"}").runId();
      SimulatorHandler handler = new SimulatorHandler(SimulationSpeed.FAST, pause -> {});

      handler.handle(request, coalescing.runContext(request.runId()));
      handler.handle(request, off.runContext(plain));

      assertThat(writes(request.runId()))
          .as("writes of run %d (%d log lines)", i, logLines)
          .hasSizeLessThanOrEqualTo((int) logLines + 2);
      assertThat(writes(plain)).hasSize((int) (2 * logLines)); // before #17: two per line
      assertThat(view(request.runId())).isEqualTo(view(plain));
      assertThat(view(request.runId()).linesWithLabels()).hasSize((int) logLines);
    }
    assertThat(updates).as("plan lengths played").containsExactly(1, 2, 3, 4, 5);
  }

  private List<RecordedRequest> writes(String runId) {
    String path = "/v1/actions/runs/" + runId;
    return port.emulator.requests().stream()
        .filter(r -> r.path().equals(path) || r.path().equals(path + "/logs"))
        .filter(r -> !r.method().equals("GET"))
        .toList();
  }

  /** Replays the run's writes in journal order, noting the label Port shows at each line. */
  private View view(String runId) throws Exception {
    String label = null;
    List<String> lines = new ArrayList<>();
    for (RecordedRequest write : writes(runId)) {
      JsonNode body = EmulatedPort.MAPPER.readTree(write.body());
      if (body.hasNonNull("statusLabel")) {
        label = body.get("statusLabel").asText();
      }
      if (write.method().equals("POST")) {
        lines.add(body.get("message").asText() + " [" + label + "]");
      }
    }
    EmulatedRun run = port.emulator.run(runId).orElseThrow();
    assertThat(run.logs().stream().map(RunLogEntry::message).toList())
        .isEqualTo(lines.stream().map(l -> l.substring(0, l.lastIndexOf(" ["))).toList());
    return new View(
        lines, run.statusLabel(), run.links(), run.summary(), String.valueOf(run.status()));
  }
}
