package io.portkit.client.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.internal.HttpWorkflowNodeRunsApi;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunAlreadyFinishedException;
import io.portkit.client.run.RunContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NodeRunContextTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final WorkflowNodeRunsApi api =
      new WorkflowNodeRunsApi() {
        @Override
        public void update(String id, NodeRunUpdate update) {
          calls.add("PATCH " + id + " " + HttpWorkflowNodeRunsApi.body(update));
        }

        @Override
        public void addLogs(String id, List<NodeRunLog> logs) {
          calls.add("LOGS " + id + " " + logs);
        }

        @Override
        public List<WorkflowNodeRun> byExternalRunId(String externalRunId) {
          return List.of();
        }
      };
  private final EntitiesApi entities =
      new EntitiesApi() {
        @Override
        public Entity upsert(String blueprint, Entity entity, EntityWriteOptions options) {
          calls.add("UPSERT " + blueprint + " runId=" + options.runId());
          return entity;
        }

        @Override
        public Entity get(String blueprint, String identifier) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String blueprint, String id, String runId, boolean deleteDependents) {
          calls.add("DELETE " + blueprint + " " + id + " runId=" + runId);
        }
      };

  private NodeRunContext ctx(RunContext.Mode mode) {
    return NodeRunContext.of("wfnr_AAAAAAAAAAAAAAAA", mode, api, entities);
  }

  @Test
  void async_fieldsNodeRunsLackBecomeLogs_andTheFinalPatchCarriesResultOutputAndSummary() {
    NodeRunContext ctx = ctx(RunContext.Mode.ASYNC);

    ctx.log("plain");
    ctx.log(LogLevel.WARN, "tagged", Map.of("k", "v"));
    ctx.statusLabel("deploying");
    ctx.addLink("https://ci/1");
    ctx.putOutput("url", TextNode.valueOf("https://app"));
    ctx.fail("boom");

    assertThat(calls)
        .containsExactly(
            "LOGS wfnr_AAAAAAAAAAAAAAAA [NodeRunLog[level=INFO, message=plain, tags={}]]",
            "PATCH wfnr_AAAAAAAAAAAAAAAA {\"logs\":[{\"logLevel\":\"WARN\",\"log\":\"tagged\","
                + "\"tags\":{\"k\":\"v\"}}]}",
            "LOGS wfnr_AAAAAAAAAAAAAAAA [NodeRunLog[level=INFO, message=status: deploying, tags={}]]",
            "LOGS wfnr_AAAAAAAAAAAAAAAA [NodeRunLog[level=INFO, message=link: https://ci/1, tags={}]]",
            "PATCH wfnr_AAAAAAAAAAAAAAAA {\"status\":\"COMPLETED\",\"result\":\"FAILED\","
                + "\"output\":{\"url\":\"https://app\"},\"logs\":[{\"logLevel\":\"ERROR\","
                + "\"log\":\"boom\"}]}");
    assertThat(ctx.links()).containsExactly("https://ci/1");
    assertThatThrownBy(() -> ctx.log("late")).isInstanceOf(RunAlreadyFinishedException.class);
  }

  @Test
  void synchronized_finalIsRecordedNotPatched_summaryStillLogged() {
    NodeRunContext ctx = ctx(RunContext.Mode.SYNCHRONIZED);
    ctx.output(JsonNodeFactory.instance.objectNode().put("bucket", "b"));

    ctx.succeed("made it");

    assertThat(calls)
        .containsExactly(
            "LOGS wfnr_AAAAAAAAAAAAAAAA [NodeRunLog[level=INFO, message=made it, tags={}]]");
    assertThat(ctx.outcome().orElseThrow().isSuccess()).isTrue();
    assertThat(ctx.output().path("bucket").asText()).isEqualTo("b");
    assertThatThrownBy(() -> ctx.handOff(HandOff.of("x", Instant.EPOCH, "y")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void handOff_patchesInProgressWithTheExternalId_entitiesAreNotTiedToTheNodeRun() {
    NodeRunContext ctx = ctx(RunContext.Mode.ASYNC);

    ctx.handOff(HandOff.of("job-1", Instant.parse("2026-01-01T00:00:00Z"), "the CI"));
    ctx.upsertEntity("service", Entity.builder("api").build());
    ctx.deleteEntity("service", "old");

    assertThat(calls)
        .containsExactly(
            "PATCH wfnr_AAAAAAAAAAAAAAAA {\"status\":\"IN_PROGRESS\",\"logs\":[{\"logLevel\":\"INFO\","
                + "\"log\":\"waiting for the CI (job-1)\"}],\"externalRunId\":\"job-1\"}",
            "UPSERT service runId=null",
            "DELETE service old runId=null");
    assertThat(ctx.handedOff()).isPresent();
    assertThatThrownBy(() -> ctx.handOff(HandOff.of("job-2", Instant.EPOCH, "the CI")))
        .isInstanceOf(IllegalStateException.class);
  }
}
