package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting blueprints and actions, and the audit log a backend's test reads. */
class CatalogDeletesAndAuditTest {
  private final PortEmulator port = PortEmulator.builder().seed(12).deliverWebhooks(false).start();
  private final Http http = new Http(port);
  private String token;

  @BeforeEach
  void setUp() {
    Http.catalog(port);
    token = http.token();
  }

  @AfterEach
  void close() {
    port.close();
  }

  private HttpResponse<String> call(String method, String path, String body) {
    return http.send(method, path, body, token);
  }

  @Test
  void deleteBlueprint_refusesWhileEntitiesOrActionsRemain_thenDeletes() {
    call("POST", "/v1/blueprints/service/entities", "{\"identifier\":\"api\"}");

    HttpResponse<String> withEntities = call("DELETE", "/v1/blueprints/service", null);
    call("DELETE", "/v1/blueprints/service/entities/api", null);
    HttpResponse<String> withActions = call("DELETE", "/v1/blueprints/service", null);
    HttpResponse<String> deleted =
        call("DELETE", "/v1/blueprints/service?delete_actions=true", null);

    assertThat(withEntities.statusCode()).isEqualTo(422);
    assertThat(Http.json(withEntities).get("error").asText()).isEqualTo("has_entities");
    assertThat(withActions.statusCode()).isEqualTo(422);
    assertThat(Http.json(withActions).get("message").asText())
        .isEqualTo(
            "Blueprint \"service\" has actions [deploy, deploy_sync]; pass delete_actions=true to delete them with it");
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"ok\":true}");
    assertThat(call("GET", "/v1/blueprints/service", null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/v1/actions/deploy", null).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/v1/blueprints/service", null).statusCode()).isEqualTo(404);
  }

  @Test
  void deleteBlueprint_targetOfAnotherBlueprintsRelation_answers422() {
    HttpResponse<String> response = call("DELETE", "/v1/blueprints/team", null);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText()).contains("[service.team]");
  }

  @Test
  void deleteAction_removesItAndItsRunsShowItDeleted() {
    String runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();

    HttpResponse<String> deleted = call("DELETE", "/v1/actions/deploy", null);

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(call("GET", "/v1/actions/deploy", null).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/v1/actions/deploy", null).statusCode()).isEqualTo(404);
    JsonNode run =
        Http.json(call("GET", "/v1/actions/runs/" + runId + "?version=v2", null)).get("run");
    assertThat(run.at("/action/deleted").asBoolean()).isTrue();
  }

  @Test
  void auditLog_recordsEntityAndRunChanges_filterableByRunAndResource() {
    String runId = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
    call("POST", "/v1/blueprints/team/entities?run_id=" + runId, "{\"identifier\":\"core\"}");
    call(
        "POST",
        "/v1/blueprints/team/entities?upsert=true",
        "{\"identifier\":\"core\",\"title\":\"Core\"}");
    call("PATCH", "/v1/actions/runs/" + runId, "{\"status\":\"SUCCESS\"}");
    call("DELETE", "/v1/blueprints/team/entities/core", null);

    JsonNode all = Http.json(call("GET", "/v1/audit-log", null));
    JsonNode ofRun = Http.json(call("GET", "/v1/audit-log?run_id=" + runId, null));
    JsonNode entityUpdates =
        Http.json(call("GET", "/v1/audit-log?resources=entity&action=UPDATE&entity=core", null));
    JsonNode limited =
        Http.json(call("GET", "/v1/audit-log?limit=1&includes=action&includes=resourceType", null));

    assertThat(all.get("ok").asBoolean()).isTrue();
    assertThat(all.get("audits")).hasSize(5);
    assertThat(all.at("/audits/0/action").asText()).isEqualTo("DELETE"); // newest first
    assertThat(all.at("/audits/0/diff/before/title").asText()).isEqualTo("Core");
    assertThat(all.at("/audits/0/diff/after").isNull()).isTrue();
    assertThat(ofRun.get("audits")).hasSize(3); // run created, entity tied to it, run ended
    assertThat(ofRun.at("/audits/0/resourceType").asText()).isEqualTo("run");
    assertThat(ofRun.at("/audits/0/diff/after/status").asText()).isEqualTo("SUCCESS");
    assertThat(ofRun.at("/audits/1/context/entity").asText()).isEqualTo("core");
    assertThat(entityUpdates.get("audits")).hasSize(1);
    assertThat(entityUpdates.at("/audits/0/diff/before").has("title")).isFalse();
    assertThat(limited.get("audits").toString())
        .isEqualTo("[{\"action\":\"DELETE\",\"resourceType\":\"entity\"}]");
    assertThat(call("GET", "/v1/audit-log?resources=page", null).statusCode()).isEqualTo(422);
    assertThat(call("GET", "/v1/audit-log?from=yesterday", null).statusCode()).isEqualTo(422);
  }
}
