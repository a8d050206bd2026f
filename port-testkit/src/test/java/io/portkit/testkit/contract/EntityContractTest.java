package io.portkit.testkit.contract;

import static io.portkit.testkit.contract.PortShapes.BULK;
import static io.portkit.testkit.contract.PortShapes.ENTITY;
import static io.portkit.testkit.contract.PortShapes.ERROR;
import static io.portkit.testkit.contract.PortShapes.OK;
import static io.portkit.testkit.contract.PortShapes.SEARCH_ALL;
import static io.portkit.testkit.contract.PortShapes.SEARCH_BLUEPRINT;
import static io.portkit.testkit.contract.PortShapes.TOO_LARGE;
import static io.portkit.testkit.contract.PortShapes.envelope;
import static io.portkit.testkit.contract.Shape.array;

import org.junit.jupiter.api.Test;

/** Contract tests: the entity and search routes. */
class EntityContractTest extends ContractFixture {
  private static final String ENTITIES = "/v1/blueprints/service/entities";
  private static final String QUERY =
      "{\"combinator\":\"and\",\"rules\":[{\"property\":\"$blueprint\",\"operator\":\"=\",\"value\":\"service\"}]}";

  @Test
  @Covers("POST /v1/blueprints/{blueprint_identifier}/entities")
  void createEntity() {
    expect(
        api.call(
            "POST",
            ENTITIES,
            "{\"identifier\":\"api\",\"team\":[],\"properties\":{\"tier\":\"gold\"}}"),
        201,
        envelope("entity", ENTITY));
    expect(
        api.call("POST", ENTITIES, "{\"title\":\"generated id\"}"),
        201,
        envelope("entity", ENTITY));
    expect(api.call("POST", "/v1/blueprints/nope/entities", "{\"identifier\":\"x\"}"), 404, ERROR);
    expect(
        api.call("POST", ENTITIES, "{\"identifier\":\"x\",\"properties\":{\"tier\":1}}"),
        422,
        ERROR);
    expect(
        api.call("POST", ENTITIES, "{\"identifier\":\"x\",\"relations\":{\"nope\":\"y\"}}"),
        404,
        ERROR);
    expect(
        api.call("POST", ENTITIES, "{\"identifier\":\"" + "x".repeat(1024 * 1024) + "\"}"),
        413,
        TOO_LARGE);
    expectUnauthorized("POST", ENTITIES, "{\"identifier\":\"x\"}");
  }

  @Test
  @Covers("GET /v1/blueprints/{blueprint_identifier}/entities")
  void listEntities() {
    entity("service", "{\"identifier\":\"api\"}");
    expect(api.call("GET", ENTITIES, null), 200, envelope("entities", array(ENTITY)));
    expect(api.call("GET", "/v1/blueprints/nope/entities", null), 404, ERROR);
    expectUnauthorized("GET", ENTITIES, null);
  }

  @Test
  @Covers("POST /v1/blueprints/{blueprint_identifier}/entities/bulk")
  void bulk() {
    expect(
        api.call("POST", ENTITIES + "/bulk?upsert=true", "{\"entities\":[{\"identifier\":\"a\"}]}"),
        200,
        BULK);
    expect(
        api.call(
            "POST",
            ENTITIES + "/bulk?upsert=true",
            "{\"entities\":[{\"identifier\":\"b\"},{\"identifier\":\"c\",\"properties\":{\"tier\":2}}]}"),
        207,
        BULK);
    expect(api.call("POST", ENTITIES + "/bulk", "{\"entities\":[]}"), 422, ERROR);
    expect(
        api.call("POST", "/v1/blueprints/nope/entities/bulk", "{\"entities\":[{}]}"), 404, ERROR);
    expectUnauthorized("POST", ENTITIES + "/bulk", "{\"entities\":[{}]}");
  }

  @Test
  @Covers("PATCH /v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}")
  void updateEntity() {
    entity("service", "{\"identifier\":\"api\"}");
    expect(
        api.call("PATCH", ENTITIES + "/api", "{\"title\":\"API\"}"),
        200,
        envelope("entity", ENTITY));
    expect(api.call("PATCH", ENTITIES + "/ghost", "{\"title\":\"API\"}"), 404, ERROR);
    expect(api.call("PATCH", ENTITIES + "/api", "{\"colour\":\"red\"}"), 422, ERROR);
    expectUnauthorized("PATCH", ENTITIES + "/api", "{}");
  }

  @Test
  @Covers("PUT /v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}")
  void changeEntity() {
    entity("service", "{\"identifier\":\"api\"}");
    expect(
        api.call("PUT", ENTITIES + "/api", "{\"properties\":{\"tier\":\"gold\"}}"),
        200,
        envelope("entity", ENTITY));
    expect(api.call("PUT", ENTITIES + "/ghost", "{}"), 404, ERROR);
    expect(api.call("PUT", ENTITIES + "/api", "{\"properties\":{\"tier\":false}}"), 422, ERROR);
    expectUnauthorized("PUT", ENTITIES + "/api", "{}");
  }

  @Test
  @Covers("GET /v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}")
  void getEntity() {
    entity("service", "{\"identifier\":\"api\"}");
    expect(api.call("GET", ENTITIES + "/api", null), 200, envelope("entity", ENTITY));
    expect(api.call("GET", ENTITIES + "/ghost", null), 404, ERROR);
    expectUnauthorized("GET", ENTITIES + "/api", null);
  }

  @Test
  @Covers("DELETE /v1/blueprints/{blueprint_identifier}/entities/{entity_identifier}")
  void deleteEntity() {
    entity("service", "{\"identifier\":\"api\"}");
    expect(api.call("DELETE", ENTITIES + "/api?delete_dependents=false", null), 200, OK);
    expect(api.call("DELETE", ENTITIES + "/api", null), 404, ERROR);
    expectUnauthorized("DELETE", ENTITIES + "/api", null);
  }

  @Test
  @Covers("POST /v1/entities/search")
  void searchEntities() {
    entity("service", "{\"identifier\":\"api\"}");
    expect(api.call("POST", "/v1/entities/search", QUERY), 200, SEARCH_ALL);
    expect(api.call("POST", "/v1/entities/search", "{\"rules\":[]}"), 422, ERROR);
    expectUnauthorized("POST", "/v1/entities/search", QUERY);
  }

  @Test
  @Covers("POST /v1/blueprints/{blueprint_identifier}/entities/search")
  void searchBlueprintEntities() {
    entity("service", "{\"identifier\":\"a\"}");
    entity("service", "{\"identifier\":\"b\"}");
    expect(
        api.call("POST", ENTITIES + "/search", "{\"query\":" + QUERY + ",\"limit\":1}"),
        200,
        SEARCH_BLUEPRINT);
    expect(api.call("POST", ENTITIES + "/search", "{}"), 200, SEARCH_BLUEPRINT);
    expect(api.call("POST", "/v1/blueprints/nope/entities/search", "{}"), 404, ERROR);
    expect(api.call("POST", ENTITIES + "/search", "{\"limit\":0}"), 422, ERROR);
    expectUnauthorized("POST", ENTITIES + "/search", "{}");
  }
}
