package io.portkit.client.internal;

import static io.portkit.client.testing.TestClients.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.Blueprint;
import io.portkit.client.entity.BulkResult;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityPage;
import io.portkit.client.entity.EntitySearch;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.entity.SearchOperator;
import io.portkit.client.entity.SearchQuery;
import io.portkit.client.entity.SearchRule;
import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Entity and catalog routes: paths, query parameters and bodies. */
class HttpEntitiesApiTest {
  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final PortClient client =
      TestClients.builder(server, clock, new RecordingSleeper(clock)).build();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void upsert_defaultOptions_sendsUpsertTrueAndBody() {
    server.enqueue(
        "POST", "/v1/blueprints/service/entities", Reply.json(201, fixture("entity/entity.json")));

    Entity stored =
        client
            .entities()
            .upsert("service", Entity.builder("payments/api").property("replicas", 2).build());

    assertThat(stored.identifier()).isEqualTo("payments/api");
    FakePortServer.Recorded r = server.requests("POST", "/v1/blueprints/service/entities").get(0);
    assertThat(r.query()).isEqualTo("upsert=true");
    assertThat(r.body())
        .isEqualTo(
            "{\"identifier\":\"payments/api\",\"properties\":{\"replicas\":2},\"relations\":{}}");
  }

  @Test
  void upsert_allOptions_sendsEveryParameter() {
    server.enqueue(
        "POST", "/v1/blueprints/service/entities", Reply.json(201, fixture("entity/entity.json")));

    client
        .entities()
        .upsert(
            "service",
            Entity.builder("e").build(),
            EntityWriteOptions.MERGE.withCreateMissingRelatedEntities(true).withRunId("r_1"));

    assertThat(server.requests("POST", "/v1/blueprints/service/entities").get(0).query())
        .isEqualTo("upsert=true&merge=true&create_missing_related_entities=true&run_id=r_1");
  }

  @Test
  void get_identifierWithSlash_encodedInPath() {
    server.enqueue(
        "GET",
        "/v1/blueprints/service/entities/payments%2Fapi",
        Reply.json(200, fixture("entity/entity.json")));

    assertThat(client.entities().get("service", "payments/api").title()).isEqualTo("Payments API");
  }

  @Test
  void delete_withRunAndDependents_sendsQuery() {
    server.enqueue(
        "DELETE", "/v1/blueprints/service/entities/a%20b", Reply.json(200, "{\"ok\":true}"));

    client.entities().delete("service", "a b", "r_1", true);

    assertThat(server.requests("DELETE", "/v1/blueprints/service/entities/a%20b").get(0).query())
        .isEqualTo("run_id=r_1&delete_dependents=true");
  }

  @Test
  void delete_withoutDependents_sendsDeleteDependentsFalse() {
    // Port's API reference marks delete_dependents required, so it is sent even when false.
    server.enqueue("DELETE", "/v1/blueprints/service/entities/x", Reply.json(200, "{\"ok\":true}"));

    client.entities().delete("service", "x");

    assertThat(server.requests("DELETE", "/v1/blueprints/service/entities/x").get(0).query())
        .isEqualTo("delete_dependents=false");
  }

  @Test
  void upsert_entityWithoutIdentifier_sendsNoIdentifierAndReadsTheGeneratedOne() {
    server.enqueue(
        "POST",
        "/v1/blueprints/service/entities",
        Reply.json(201, "{\"ok\":true,\"entity\":{\"identifier\":\"e_abc\",\"title\":\"T\"}}"));

    Entity stored = client.entities().upsert("service", Entity.builder().title("T").build());

    assertThat(stored.identifier()).isEqualTo("e_abc");
    assertThat(server.requests("POST", "/v1/blueprints/service/entities").get(0).body())
        .isEqualTo("{\"title\":\"T\",\"properties\":{},\"relations\":{}}");
  }

  @Test
  void search_query_postsCombinatorAndRulesAndReadsEntities() {
    server.enqueue(
        "POST",
        "/v1/entities/search",
        Reply.json(
            200, "{\"ok\":true,\"entities\":[{\"identifier\":\"a\"},{\"identifier\":\"b\"}]}"));

    var found =
        client
            .entities()
            .search(
                SearchQuery.and(
                    SearchRule.of("$blueprint", SearchOperator.EQUALS, "service"),
                    SearchQuery.or(
                        SearchRule.of("tier", SearchOperator.IN, java.util.List.of("gold")),
                        SearchRule.isEmpty("owner"))));

    assertThat(found).extracting(Entity::identifier).containsExactly("a", "b");
    assertThat(server.requests("POST", "/v1/entities/search").get(0).body())
        .isEqualTo(
            "{\"combinator\":\"and\",\"rules\":[{\"property\":\"$blueprint\",\"operator\":\"=\","
                + "\"value\":\"service\"},{\"combinator\":\"or\",\"rules\":[{\"property\":\"tier\","
                + "\"operator\":\"in\",\"value\":[\"gold\"]},{\"property\":\"owner\","
                + "\"operator\":\"isEmpty\"}]}]}");
  }

  @Test
  void searchBlueprint_page_sendsBodyAndReadsNext() {
    server.enqueue(
        "POST",
        "/v1/blueprints/service/entities/search",
        Reply.json(200, "{\"ok\":true,\"next\":\"n1\",\"entities\":[{\"title\":\"only title\"}]}"));

    EntityPage page =
        client
            .entities()
            .search(
                "service",
                EntitySearch.builder()
                    .query(SearchQuery.and(SearchRule.relatedTo("team", "core")))
                    .include("$title")
                    .limit(1)
                    .from("n0")
                    .build());

    assertThat(page.next()).isEqualTo("n1");
    assertThat(page.entities().get(0).identifier()).isNull();
    assertThat(server.requests("POST", "/v1/blueprints/service/entities/search").get(0).body())
        .isEqualTo(
            "{\"query\":{\"combinator\":\"and\",\"rules\":[{\"operator\":\"relatedTo\","
                + "\"blueprint\":\"team\",\"value\":\"core\"}]},\"include\":[\"$title\"],"
                + "\"limit\":1,\"from\":\"n0\"}");
  }

  @Test
  void list_readsEveryEntity() {
    server.enqueue(
        "GET",
        "/v1/blueprints/service/entities",
        Reply.json(200, "{\"ok\":true,\"entities\":[{\"identifier\":\"a\"}]}"));

    assertThat(client.entities().list("service"))
        .extracting(Entity::identifier)
        .containsExactly("a");
  }

  @Test
  void update_patchesOnlyTheChangesWithRunId() {
    server.enqueue(
        "PATCH",
        "/v1/blueprints/service/entities/a",
        Reply.json(200, fixture("entity/entity.json")));

    client.entities().update("service", "a", Entity.builder().property("n", 2).build(), "r_1");

    FakePortServer.Recorded r =
        server.requests("PATCH", "/v1/blueprints/service/entities/a").get(0);
    assertThat(r.query()).isEqualTo("run_id=r_1");
    assertThat(r.body()).isEqualTo("{\"properties\":{\"n\":2},\"relations\":{}}");
  }

  @Test
  void update_changesForAnotherEntity_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> client.entities().update("service", "a", Entity.builder("b").build(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("changes name entity \"b\" but the update is for \"a\"");
  }

  @Test
  void upsertAll_partialFailure_readsWrittenAndFailed() {
    server.enqueue(
        "POST",
        "/v1/blueprints/service/entities/bulk",
        Reply.json(
            207,
            "{\"ok\":true,\"entities\":[{\"created\":true,\"identifier\":\"a\",\"index\":0}],"
                + "\"errors\":[{\"identifier\":\"b\",\"index\":1,\"statusCode\":422,"
                + "\"error\":\"invalid_request\",\"message\":\"bad\"}]}"));

    BulkResult result =
        client
            .entities()
            .upsertAll(
                "service",
                java.util.List.of(Entity.builder("a").build(), Entity.builder("b").build()),
                EntityWriteOptions.UPSERT);

    assertThat(result.allWritten()).isFalse();
    assertThat(result.written()).containsExactly(new BulkResult.Written("a", 0, true));
    assertThat(result.failed())
        .containsExactly(new BulkResult.Failure("b", 1, 422, "invalid_request", "bad"));
    FakePortServer.Recorded r =
        server.requests("POST", "/v1/blueprints/service/entities/bulk").get(0);
    assertThat(r.query()).isEqualTo("upsert=true");
    assertThat(r.body()).startsWith("{\"entities\":[{\"identifier\":\"a\"");
  }

  @Test
  void upsertAll_moreThanTwenty_isRejectedBeforeSending() {
    var many = new java.util.ArrayList<Entity>();
    for (int i = 0; i < 21; i++) {
      many.add(Entity.builder("e" + i).build());
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> client.entities().upsertAll("service", many, EntityWriteOptions.UPSERT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a bulk write takes 1 to 20 entities, got 21; split the list");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void catalog_blueprintAndAction_unwrapEnvelope() {
    server.enqueue(
        "GET", "/v1/blueprints/service", Reply.json(200, fixture("catalog/blueprint.json")));
    server.enqueue(
        "GET", "/v1/actions/deploy_service", Reply.json(200, fixture("catalog/action.json")));

    Blueprint bp = client.catalog().blueprint("service");
    Action action = client.catalog().action("deploy_service");

    assertThat(bp.required()).containsExactly("url");
    assertThat(action.invocationMethod().synchronous()).isTrue();
  }
}
