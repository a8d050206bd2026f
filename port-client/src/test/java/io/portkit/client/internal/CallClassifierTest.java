package io.portkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitBucket;
import org.junit.jupiter.api.Test;

/** Which budget and priority each kind of call gets, from method, path and body alone. */
class CallClassifierTest {
  private static ApiCall call(String method, String path, String body) {
    JsonNode json = null;
    if (body != null) {
      try {
        json = PortJson.newMapper().readTree(body);
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
    return new ApiCall(method, path, "", json, ApiCall.Replay.IDEMPOTENT);
  }

  private static CallPriority priority(String method, String path, String body) {
    return CallClassifier.priority(call(method, path, body));
  }

  @Test
  void runCalls_finalStatusOverLabelOverLog() {
    assertThat(priority("PATCH", "/v1/actions/runs/r_1", "{\"status\":\"SUCCESS\"}"))
        .isEqualTo(CallPriority.FINAL_STATUS);
    assertThat(
            priority(
                "POST",
                "/v1/actions/runs/r_1/logs",
                "{\"message\":\"x\",\"terminationStatus\":\"FAILURE\"}"))
        .isEqualTo(CallPriority.FINAL_STATUS);
    assertThat(priority("PATCH", "/v1/actions/runs/r_1", "{\"statusLabel\":\"half way\"}"))
        .isEqualTo(CallPriority.RUN_UPDATE);
    assertThat(priority("PATCH", "/v1/actions/runs/r_1", "{\"link\":[\"https://x\"]}"))
        .isEqualTo(CallPriority.RUN_UPDATE);
    assertThat(priority("POST", "/v1/actions/runs/r_1/logs", "{\"message\":\"x\"}"))
        .isEqualTo(CallPriority.LOG);
    assertThat(priority("GET", "/v1/actions/runs/r_1", null)).isEqualTo(CallPriority.READ);
  }

  @Test
  void nodeRuns_completedIsFinal_progressAndLogsAreNot() {
    String node = "/v1/workflows/nodes/runs/wfnr_1";
    assertThat(priority("PATCH", node, "{\"status\":\"COMPLETED\",\"result\":\"SUCCESS\"}"))
        .isEqualTo(CallPriority.FINAL_STATUS);
    assertThat(priority("PATCH", node, "{\"status\":\"IN_PROGRESS\",\"logs\":[]}"))
        .isEqualTo(CallPriority.RUN_UPDATE);
    assertThat(priority("POST", node + "/logs", "{\"logs\":[]}")).isEqualTo(CallPriority.LOG);
  }

  @Test
  void entitiesTokenAndCreateRun() {
    assertThat(priority("POST", "/v1/blueprints/service/entities", "{}"))
        .isEqualTo(CallPriority.ENTITY_WRITE);
    assertThat(priority("DELETE", "/v1/blueprints/service/entities/a", null))
        .isEqualTo(CallPriority.ENTITY_WRITE);
    assertThat(priority("POST", "/v1/entities/search", "{}")).isEqualTo(CallPriority.READ);
    assertThat(priority("POST", "/v1/actions/deploy/runs", "{}"))
        .isEqualTo(CallPriority.ENTITY_WRITE);
    assertThat(priority("POST", PortApi.TOKEN_PATH, "{}")).isEqualTo(CallPriority.AUTHENTICATION);
  }

  @Test
  void buckets_asPortDocumentsThem() {
    assertThat(CallClassifier.bucket(call("POST", PortApi.TOKEN_PATH, "{}")))
        .isEqualTo(RateLimitBucket.UNAUTHENTICATED);
    assertThat(CallClassifier.bucket(call("GET", "/v1/blueprints/service/entities/a", null)))
        .isEqualTo(RateLimitBucket.ENTITIES);
    assertThat(CallClassifier.bucket(call("POST", "/v1/entities/search", "{}")))
        .isEqualTo(RateLimitBucket.ENTITIES);
    assertThat(CallClassifier.bucket(call("GET", "/v1/blueprints/service", null)))
        .isEqualTo(RateLimitBucket.GENERAL);
    assertThat(CallClassifier.bucket(call("PATCH", "/v1/actions/runs/r_1", "{}")))
        .isEqualTo(RateLimitBucket.GENERAL);
  }

  @Test
  void runId_onlyForWritesToActionRuns() {
    assertThat(CallClassifier.runId(call("POST", "/v1/actions/runs/r_9/logs", "{}")))
        .contains("r_9");
    assertThat(CallClassifier.runId(call("PATCH", "/v1/actions/runs/r_9", "{}"))).contains("r_9");
    assertThat(CallClassifier.runId(call("GET", "/v1/actions/runs/r_9", null))).isEmpty();
    assertThat(CallClassifier.runId(call("POST", "/v1/actions/deploy/runs", "{}"))).isEmpty();
  }
}
