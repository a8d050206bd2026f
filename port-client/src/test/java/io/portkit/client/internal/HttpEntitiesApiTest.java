package io.portkit.client.internal;

import static io.portkit.client.testing.TestClients.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.Blueprint;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
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
