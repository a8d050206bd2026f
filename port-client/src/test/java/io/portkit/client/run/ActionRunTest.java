package io.portkit.client.run;

import static io.portkit.client.testing.TestClients.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.internal.PortJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActionRunTest {
  private final ObjectMapper mapper = PortJson.newMapper();

  private ActionRun parse(String fixture) throws Exception {
    return ActionRun.fromJson(mapper.readTree(fixture(fixture)).get("run"));
  }

  @Test
  void fromJson_v2ObjectAction_readsAllModelledFields() throws Exception {
    ActionRun run = parse("run/v2-run.json");

    assertThat(run.id()).isEqualTo("r_QOz6WoOB1Q2lmhZZ");
    assertThat(run.status()).isEqualTo(RunStatus.IN_PROGRESS);
    assertThat(run.statusLabel()).isEqualTo("Deploying");
    assertThat(run.action()).isEqualTo(new Ref("deploy_service", "Deploy", "Rocket", false));
    assertThat(run.blueprint().identifier()).isEqualTo("service");
    assertThat(run.entityIdentifier()).contains("payments/api");
    assertThat(run.properties().get("replicas").asInt()).isEqualTo(3);
    assertThat(run.links()).containsExactly("https://ci.example.com/1", "https://ci.example.com/2");
    assertThat(run.summary()).isEqualTo("Rolling out");
    assertThat(run.externalRunId()).isEqualTo("gha-123");
    assertThat(run.isSynchronized()).isTrue();
    assertThat(run.payload().path("headers").path("RUN_ID").asText())
        .isEqualTo("r_QOz6WoOB1Q2lmhZZ");
    assertThat(run.approval()).isEqualTo(new Approval("APPROVED", "auth0|1", "looks good"));
    assertThat(run.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(run.updatedAt()).isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));
    assertThat(run.endedAt()).isNull();
  }

  @Test
  void fromJson_unknownFields_ignoredButKeptInRaw() throws Exception {
    ActionRun run = parse("run/v2-run.json");

    assertThat(run.raw().path("brandNewField").path("nested").size()).isEqualTo(3);
    assertThat(run.raw().path("rawProperties").path("env").asText()).isEqualTo("prod");
  }

  @Test
  void fromJson_v1StringActionAndStringLink_becomeRefAndList() throws Exception {
    ActionRun run = parse("run/v1-run.json");

    assertThat(run.action()).isEqualTo(new Ref("create_microservice", null, null, false));
    assertThat(run.actionIdentifier()).contains("create_microservice");
    assertThat(run.links()).containsExactly("https://github.com/org/repo/actions/runs/1");
    assertThat(run.status().isTerminal()).isTrue();
    assertThat(run.endedAt()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    assertThat(run.entity()).isNull();
    assertThat(run.isSynchronized()).isFalse();
  }

  @Test
  void fromJson_unknownStatus_keepsRawValue() throws Exception {
    ActionRun run = parse("run/unknown-status.json");

    assertThat(run.status().kind()).isEqualTo(RunStatus.Kind.UNKNOWN);
    assertThat(run.status().value()).isEqualTo("PENDING_CLAIM");
    assertThat(run.status().isKnown()).isFalse();
    assertThat(run.status().isTerminal()).isFalse();
  }

  @Test
  void jackson_readValue_usesDelegatingCreator() throws Exception {
    JsonNode node = mapper.readTree(fixture("run/v1-run.json")).get("run");

    ActionRun run = mapper.treeToValue(node, ActionRun.class);

    assertThat(run.id()).isEqualTo("r_v1xxxxxxxxxxxxx");
    assertThat(run.raw()).isEqualTo(node);
  }

  @Test
  void fromJson_missingStatus_throwsNamingFields() throws Exception {
    JsonNode node = mapper.readTree("{\"id\":\"r_1\"}");

    assertThatThrownBy(() -> ActionRun.fromJson(node))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an action run: the JSON needs string fields id and status");
  }

  @Test
  void links_absent_emptyList() throws Exception {
    ActionRun run = ActionRun.fromJson(mapper.readTree("{\"id\":\"r_1\",\"status\":\"FAILURE\"}"));

    assertThat(run.links()).isEmpty();
    assertThat(run.properties().isObject()).isTrue();
    assertThat(run.payload().isMissingNode()).isTrue();
  }
}
