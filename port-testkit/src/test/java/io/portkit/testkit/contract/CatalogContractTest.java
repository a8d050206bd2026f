package io.portkit.testkit.contract;

import static io.portkit.testkit.contract.PortShapes.ACTION;
import static io.portkit.testkit.contract.PortShapes.BLUEPRINT;
import static io.portkit.testkit.contract.PortShapes.ERROR;
import static io.portkit.testkit.contract.PortShapes.OK;
import static io.portkit.testkit.contract.PortShapes.TOKEN;
import static io.portkit.testkit.contract.PortShapes.UNAUTHORIZED;
import static io.portkit.testkit.contract.PortShapes.envelope;
import static io.portkit.testkit.contract.Shape.array;

import org.junit.jupiter.api.Test;

/** Contract tests: the token, blueprint, action and audit-log routes. */
class CatalogContractTest extends ContractFixture {
  @Test
  @Covers("POST /v1/auth/access_token")
  void token() {
    String good =
        "{\"clientId\":\""
            + port.clientId()
            + "\",\"clientSecret\":\""
            + port.clientSecret()
            + "\"}";
    expect(api.raw("POST", "/v1/auth/access_token", good, null), 200, TOKEN);
    expect(
        api.raw(
            "POST", "/v1/auth/access_token", "{\"clientId\":\"x\",\"clientSecret\":\"y\"}", null),
        401,
        UNAUTHORIZED);
    expect(api.raw("POST", "/v1/auth/access_token", "{\"clientId\":\"x\"}", null), 422, ERROR);
  }

  @Test
  @Covers("POST /v1/blueprints")
  void createBlueprint() {
    expect(
        api.call("POST", "/v1/blueprints", "{\"identifier\":\"env\",\"title\":\"Env\"}"),
        201,
        envelope("blueprint", BLUEPRINT));
    expect(api.call("POST", "/v1/blueprints", "{\"identifier\":\"env2\"}"), 422, ERROR);
    expectUnauthorized("POST", "/v1/blueprints", "{\"identifier\":\"e\",\"title\":\"E\"}");
  }

  @Test
  @Covers("GET /v1/blueprints")
  void listBlueprints() {
    expect(api.call("GET", "/v1/blueprints", null), 200, envelope("blueprints", array(BLUEPRINT)));
    expectUnauthorized("GET", "/v1/blueprints", null);
  }

  @Test
  @Covers("GET /v1/blueprints/{identifier}")
  void getBlueprint() {
    expect(api.call("GET", "/v1/blueprints/service", null), 200, envelope("blueprint", BLUEPRINT));
    expect(api.call("GET", "/v1/blueprints/nope", null), 404, ERROR);
    expectUnauthorized("GET", "/v1/blueprints/service", null);
  }

  @Test
  @Covers("DELETE /v1/blueprints/{identifier}")
  void deleteBlueprint() {
    api.call("POST", "/v1/blueprints", "{\"identifier\":\"env\",\"title\":\"Env\"}");
    expect(api.call("DELETE", "/v1/blueprints/env", null), 200, OK);
    expect(api.call("DELETE", "/v1/blueprints/env", null), 404, ERROR);
    expect(api.call("DELETE", "/v1/blueprints/service", null), 422, ERROR); // has actions
    expectUnauthorized("DELETE", "/v1/blueprints/service", null);
  }

  @Test
  @Covers("POST /v1/actions")
  void createAction() {
    String action = DEPLOY.replace("\"deploy\"", "\"deploy2\"");
    expect(api.call("POST", "/v1/actions", action), 200, envelope("action", ACTION));
    expect(api.call("POST", "/v1/actions", "{\"identifier\":\"x\"}"), 422, ERROR);
    expectUnauthorized("POST", "/v1/actions", action);
  }

  @Test
  @Covers("GET /v1/actions/{action_identifier}")
  void getAction() {
    expect(api.call("GET", "/v1/actions/deploy", null), 200, envelope("action", ACTION));
    expect(api.call("GET", "/v1/actions/nope", null), 404, ERROR);
    expectUnauthorized("GET", "/v1/actions/deploy", null);
  }

  @Test
  @Covers("DELETE /v1/actions/{action_identifier}")
  void deleteAction() {
    expect(api.call("DELETE", "/v1/actions/deploy", null), 200, OK);
    expect(api.call("DELETE", "/v1/actions/deploy", null), 404, ERROR);
    expectUnauthorized("DELETE", "/v1/actions/deploy", null);
  }

  @Test
  @Covers("GET /v1/audit-log")
  void auditLog() {
    entity("service", "{\"identifier\":\"api\"}");
    run();
    expect(api.call("GET", "/v1/audit-log", null), 200, PortShapes.AUDITS);
    expect(api.call("GET", "/v1/audit-log?resources=entity", null), 200, PortShapes.AUDITS);
    expect(api.call("GET", "/v1/audit-log?status=MAYBE", null), 422, ERROR);
    expectUnauthorized("GET", "/v1/audit-log", null);
  }
}
