package io.portkit.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunQuery;
import io.portkit.client.run.RunStatus;
import io.portkit.client.run.RunUpdate;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.TiedEntity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientOperationsE2eTest {
  private final ClientFixture fx = new ClientFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void runs_createGetUpdateList_roundTripThroughEmulator() {
    ActionRun created = fx.client.runs().create("deploy", Map.of("env", "prod"), null);
    fx.client
        .runs()
        .update(
            created.id(),
            RunUpdate.builder()
                .statusLabel("Deploying")
                .externalRunId("ci-7")
                .link("https://ci/7")
                .summary("half way")
                .build());

    ActionRun got = fx.client.runs().get(created.id());
    List<ActionRun> listed =
        fx.client.runs().list(RunQuery.byExternalRunId("ci-7").withActive(true));

    assertThat(created.status()).isEqualTo(RunStatus.IN_PROGRESS);
    assertThat(got.properties().get("env").asText()).isEqualTo("prod");
    assertThat(got.actionIdentifier()).contains("deploy");
    assertThat(got.statusLabel()).isEqualTo("Deploying");
    assertThat(got.links()).containsExactly("https://ci/7");
    assertThat(got.summary()).isEqualTo("half way");
    assertThat(listed).extracting(ActionRun::id).containsExactly(created.id());
    assertThat(fx.requests("GET", "/v1/actions/runs/"))
        .allSatisfy(r -> assertThat(r.query()).contains("version=v2"));
  }

  @Test
  void runs_logsAndTermination_areStoredInOrder() {
    String id = fx.newRun("deploy");
    fx.client.runs().addLog(id, RunLog.of("step 1"));
    fx.client.runs().addLog(id, new RunLog("done", FinalStatus.SUCCESS, "Finished"));

    assertThat(fx.client.runs().logs(id, 50, 0))
        .extracting(l -> l.message())
        .containsExactly("step 1", "done");
    EmulatedRun run = fx.port.run(id).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.statusLabel()).isEqualTo("Finished");
  }

  @Test
  void entities_upsertGetDeleteWithRunId_areTiedToRun() {
    String id = fx.newRun("deploy");
    Entity api = Entity.builder("team/api").title("API").property("tier", "gold").build();
    fx.client.entities().upsert("service", api, new EntityWriteOptions(true, false, false, id));

    Entity got = fx.client.entities().get("service", "team/api");
    fx.client.entities().delete("service", "team/api", id, false);

    assertThat(got.title()).isEqualTo("API");
    assertThat(got.properties().get("tier").asText()).isEqualTo("gold");
    assertThat(fx.port.run(id).orElseThrow().entities())
        .extracting(TiedEntity::operation)
        .containsExactly("CREATE", "DELETE");
  }

  @Test
  void catalog_blueprintAndAction_areRead() {
    assertThat(fx.client.catalog().blueprint("service").title()).isEqualTo("Service");
    assertThat(fx.client.catalog().action("deploy_sync").invocationMethod().synchronous()).isTrue();
  }
}
