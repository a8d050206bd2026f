package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs rendered as the spec types them, and the run list's {@code source}, {@code user_id}, {@code
 * user_email} and {@code exclude} parameters.
 */
class RunRenderingAndFiltersTest {
  private final PortEmulator port = PortEmulator.builder().seed(6).deliverWebhooks(false).start();
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

  private JsonNode json(String method, String path, String body) {
    HttpResponse<String> response = http.send(method, path, body, token);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return Http.json(response);
  }

  private List<String> listed(String query) {
    List<String> ids = new ArrayList<>();
    json("GET", "/v1/actions/runs?version=v2" + query, null)
        .get("runs")
        .forEach(r -> ids.add(r.get("id").asText()));
    return ids;
  }

  @Test
  void runWithoutEntity_leavesEntityAndEndedAtOut_neverNull() {
    String id =
        json("POST", "/v1/actions/deploy/runs", "{\"properties\":{}}").at("/run/id").asText();

    JsonNode run = json("GET", "/v1/actions/runs/" + id + "?version=v2", null).get("run");

    assertThat(run.has("entity")).isFalse();
    assertThat(run.has("endedAt")).isFalse();
    assertThat(run.get("blueprint").isObject()).isTrue();
    assertThat(run.at("/blueprint/title").asText()).isEqualTo("Service");
    assertThat(run.at("/blueprint/deleted").asBoolean()).isFalse();
  }

  @Test
  void runWithEntity_entityReferenceCarriesItsTitleAndIcon() {
    json(
        "POST",
        "/v1/blueprints/service/entities",
        "{\"identifier\":\"api\",\"title\":\"Public API\",\"icon\":\"Api\"}");
    String id =
        json("POST", "/v1/actions/deploy/runs", "{\"properties\":{},\"entity\":\"api\"}")
            .at("/run/id")
            .asText();
    json("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"SUCCESS\"}");

    JsonNode run = json("GET", "/v1/actions/runs/" + id + "?version=v2", null).get("run");

    assertThat(run.at("/entity/identifier").asText()).isEqualTo("api");
    assertThat(run.at("/entity/title").asText()).isEqualTo("Public API");
    assertThat(run.at("/entity/icon").asText()).isEqualTo("Api");
    assertThat(run.at("/entity/deleted").asBoolean()).isFalse();
    assertThat(run.get("endedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void listRuns_sourceFilter_separatesUiRunsFromApiRuns() {
    String ui = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
    String api =
        json("POST", "/v1/actions/deploy/runs", "{\"properties\":{}}").at("/run/id").asText();

    assertThat(listed("&source=UI")).containsExactly(ui);
    assertThat(listed("&source=API")).containsExactly(api);
    assertThat(listed("&source=UI&source=API")).containsExactly(api, ui);
    assertThat(listed("&source=AUTOMATION")).isEmpty();
    assertThat(http.send("GET", "/v1/actions/runs?source=CLI", null, token).statusCode())
        .isEqualTo(422);
  }

  @Test
  void listRuns_userFilters_matchWhoStartedTheRun() {
    String id =
        json("POST", "/v1/actions/deploy/runs", "{\"properties\":{}}").at("/run/id").asText();

    assertThat(listed("&user_id=" + port.clientId())).containsExactly(id);
    assertThat(listed("&user_id=someone-else")).isEmpty();
    assertThat(listed("&user_email=emulator%40portkit.invalid")).containsExactly(id);
    assertThat(listed("&user_email=other%40example.com")).isEmpty();
  }

  @Test
  void listRuns_exclude_dropsTheNamedFields() {
    json("POST", "/v1/actions/deploy/runs", "{\"properties\":{\"env\":\"prod\"}}");

    JsonNode run =
        json(
                "GET",
                "/v1/actions/runs?version=v2&exclude=properties&exclude=rawProperties&exclude=action.title",
                null)
            .at("/runs/0");

    assertThat(run.has("properties")).isFalse();
    assertThat(run.has("rawProperties")).isFalse();
    assertThat(run.at("/action").has("title")).isFalse();
    assertThat(run.at("/action/identifier").asText()).isEqualTo("deploy");
    assertThat(run.has("status")).isTrue();
  }
}
