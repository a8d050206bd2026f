package io.portkit.client.run;

import static io.portkit.client.testing.TestClients.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortApiException;
import io.portkit.client.PortClient;
import io.portkit.client.entity.Entity;
import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Recorded;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each write's own rules, with coalescing off so every write is one request; the merging of writes
 * is pinned by {@code RunContextCoalescingTest} in port-testkit, on the emulator.
 */
class RunContextTest {
  private static final String RUN_PATH = "/v1/actions/runs/r_1";
  private static final String LOGS_PATH = RUN_PATH + "/logs";
  private static final String ENTITIES = "/v1/blueprints/service/entities";
  private static final String RUN =
      "{\"ok\":true,\"run\":{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\"}}";

  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final PortClient client =
      TestClients.builder(server, clock, new RecordingSleeper(clock))
          .writeCoalescing(Duration.ZERO)
          .build();

  @BeforeEach
  void script() {
    server.enqueue("PATCH", RUN_PATH, Reply.json(200, RUN));
    server.enqueue(
        "POST", LOGS_PATH, Reply.json(201, "{\"ok\":true,\"runLog\":{\"message\":\"m\"}}"));
    server.enqueue("POST", ENTITIES, Reply.json(201, fixture("entity/entity.json")));
    server.enqueue("DELETE", ENTITIES + "/old", Reply.json(200, "{\"ok\":true}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<String> patchBodies() {
    return server.requests("PATCH", RUN_PATH).stream().map(Recorded::body).toList();
  }

  @Test
  void addLink_twice_secondPatchCarriesBothLinks() {
    RunContext run = client.runContext("r_1");

    run.addLink("https://ci/1");
    run.addLink("https://ci/2");

    assertThat(patchBodies())
        .containsExactly(
            "{\"link\":[\"https://ci/1\"]}", "{\"link\":[\"https://ci/1\",\"https://ci/2\"]}");
    assertThat(run.links()).containsExactly("https://ci/1", "https://ci/2");
  }

  @Test
  void addLink_patchFails_linkNotKept() {
    RunContext run = client.runContext("r_1");
    run.addLink("https://ci/1");
    server.replace("PATCH", RUN_PATH, Reply.json(400, "{\"ok\":false,\"error\":\"bad\"}"));

    assertThatThrownBy(() -> run.addLink("https://ci/bad")).isInstanceOf(PortApiException.class);
    assertThat(run.links()).containsExactly("https://ci/1");
  }

  @Test
  void update_withLinks_replacesAccumulatedLinks() {
    RunContext run = client.runContext("r_1");
    run.addLink("https://ci/1");

    run.update(RunUpdate.builder().links(List.of("https://x")).statusLabel("L").build());
    run.addLink("https://y");

    assertThat(patchBodies().get(2)).isEqualTo("{\"link\":[\"https://x\",\"https://y\"]}");
  }

  @Test
  void writes_labelSummaryExternalIdAndLog_sendOneRequestEach() {
    RunContext run = client.runContext("r_1");

    run.statusLabel("Building");
    run.summary("Half way");
    run.externalRunId("ci-7");
    run.log("step 1");

    assertThat(patchBodies())
        .containsExactly(
            "{\"statusLabel\":\"Building\"}",
            "{\"summary\":\"Half way\"}",
            "{\"externalRunId\":\"ci-7\"}");
    assertThat(server.requests("POST", LOGS_PATH).get(0).body())
        .isEqualTo("{\"message\":\"step 1\"}");
  }

  @Test
  void succeed_async_patchesStatusOnceAndRecordsOutcome() {
    RunContext run = client.runContext("r_1");
    run.statusLabel("Deployed");

    run.succeed("All good");

    assertThat(patchBodies().get(1)).isEqualTo("{\"status\":\"SUCCESS\",\"summary\":\"All good\"}");
    assertThat(run.isFinished()).isTrue();
    assertThat(run.outcome()).contains(new RunOutcome(FinalStatus.SUCCESS, "All good", "Deployed"));
  }

  @Test
  void fail_afterSucceed_throwsNamingRunAndStatus() {
    RunContext run = client.runContext("r_1");
    run.succeed("ok");

    assertThatThrownBy(() -> run.fail("nope"))
        .isInstanceOfSatisfying(
            RunAlreadyFinishedException.class,
            e -> {
              assertThat(e.runId()).isEqualTo("r_1");
              assertThat(e.finalStatus()).isEqualTo(FinalStatus.SUCCESS);
            })
        .hasMessage(
            "run r_1 already finished with status SUCCESS; cannot set the final status"
                + " again after the final status");
    assertThat(patchBodies()).hasSize(1);
  }

  @Test
  void log_afterFail_throwsExactMessage() {
    RunContext run = client.runContext("r_1");
    run.fail("broken");

    assertThatThrownBy(() -> run.log("late"))
        .isInstanceOf(RunAlreadyFinishedException.class)
        .hasMessage(
            "run r_1 already finished with status FAILURE; cannot log after the final" + " status");
    assertThat(server.requests("POST", LOGS_PATH)).isEmpty();
  }

  @Test
  void entityWrites_afterFinal_throw() {
    RunContext run = client.runContext("r_1");
    run.succeed(null);

    assertThatThrownBy(() -> run.upsertEntity("service", Entity.builder("svc").build()))
        .hasMessage(
            "run r_1 already finished with status SUCCESS; cannot write entity svc after"
                + " the final status");
    assertThatThrownBy(() -> run.addLink("https://late"))
        .isInstanceOf(RunAlreadyFinishedException.class);
  }

  @Test
  void finalFails_canBeRetried() {
    RunContext run = client.runContext("r_1");
    server.replace("PATCH", RUN_PATH, Reply.json(400, "{\"ok\":false}"), Reply.json(200, RUN));

    assertThatThrownBy(() -> run.succeed("x")).isInstanceOf(PortApiException.class);
    assertThat(run.isFinished()).isFalse();
    run.succeed("x");
    assertThat(run.isFinished()).isTrue();
  }

  @Test
  void entityWrites_inProgress_carryRunId() {
    RunContext run = client.runContext("r_1");

    run.upsertEntity("service", Entity.builder("svc").build());
    run.deleteEntity("service", "old");

    assertThat(server.requests("POST", ENTITIES).get(0).query())
        .isEqualTo("upsert=true&run_id=r_1");
    assertThat(server.requests("DELETE", ENTITIES + "/old").get(0).query())
        .isEqualTo("run_id=r_1&delete_dependents=false");
  }

  @Test
  void succeed_asyncButActionSynchronized_throwsExplanation() {
    server.replace(
        "PATCH",
        RUN_PATH,
        Reply.json(
            422, "{\"ok\":false,\"error\":\"run_synchronized_error\",\"message\":\"sync\"}"));
    RunContext run = client.runContext("r_1");

    assertThatThrownBy(() -> run.succeed("done"))
        .isInstanceOf(RunSynchronizedException.class)
        .hasMessageStartingWith(
            "The action is synchronized: Port sets the run status from the"
                + " webhook's HTTP answer");
    assertThat(run.isFinished()).isFalse();
  }

  @Test
  void synchronizedMode_succeed_recordsOutcomeWithoutStatusPatch() {
    RunContext run = client.runContext("r_1", RunContext.Mode.SYNCHRONIZED);
    run.statusLabel("Working");
    run.addLink("https://ci/1");
    run.log("still logged");

    run.succeed("Answered in the webhook");

    assertThat(patchBodies())
        .containsExactly(
            "{\"statusLabel\":\"Working\"}",
            "{\"link\":[\"https://ci/1\"]}",
            "{\"summary\":\"Answered in the webhook\"}");
    assertThat(patchBodies()).noneMatch(b -> b.contains("\"status\""));
    assertThat(server.requests("POST", LOGS_PATH)).hasSize(1);
    assertThat(run.outcome())
        .contains(new RunOutcome(FinalStatus.SUCCESS, "Answered in the webhook", "Working"));
    assertThatThrownBy(() -> run.fail("again")).isInstanceOf(RunAlreadyFinishedException.class);
  }

  @Test
  void synchronizedMode_failWithoutSummary_sendsNothing() {
    RunContext run = client.runContext("r_1", RunContext.Mode.SYNCHRONIZED);

    run.fail(null);

    assertThat(patchBodies()).isEmpty();
    assertThat(run.outcome()).contains(new RunOutcome(FinalStatus.FAILURE, null, null));
  }

  @Test
  void addLink_concurrentCallers_finalPatchHoldsAllLinks() throws Exception {
    RunContext run = client.runContext("r_1");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String url = "https://ci/" + i;
        done.add(pool.submit(() -> run.addLink(url)));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(run.links()).hasSize(16);
    List<String> bodies = patchBodies();
    assertThat(bodies).hasSize(16);
    assertThat(bodies.get(15).split("https://ci/", -1)).hasSize(17);
  }

  @Test
  void of_blankRunId_throws() {
    assertThatThrownBy(() -> client.runContext(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runId is blank");
  }
}
