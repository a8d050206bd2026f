package io.portkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testkit.PortEmulator;
import org.junit.jupiter.api.AfterEach;

/**
 * A fresh emulator per test with a small catalog (blueprints {@code team} and {@code service},
 * action {@code deploy}), and the assertion every contract test makes: status, then shape.
 */
abstract class ContractFixture {
  static final String TEAM =
      "{\"identifier\":\"team\",\"title\":\"Team\",\"schema\":{\"properties\":{\"size\":{\"type\":\"number\"}}}}";
  static final String SERVICE =
      "{\"identifier\":\"service\",\"title\":\"Service\",\"icon\":\"Service\",\"schema\":{\"properties\":{"
          + "\"tier\":{\"type\":\"string\"}},\"required\":[]},"
          + "\"relations\":{\"team\":{\"target\":\"team\",\"required\":false,\"many\":false}}}";
  static final String DEPLOY =
      "{\"identifier\":\"deploy\",\"title\":\"Deploy\",\"trigger\":{\"type\":\"self-service\","
          + "\"operation\":\"DAY-2\",\"blueprintIdentifier\":\"service\",\"userInputs\":{\"properties\":{}}},"
          + "\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:9/\",\"agent\":true}}";

  final PortEmulator port = PortEmulator.builder().seed(30).start();
  final Api api = new Api(port);

  ContractFixture() {
    port.defineBlueprint(TEAM);
    port.defineBlueprint(SERVICE);
    port.defineAction(io.portkit.client.catalog.Action.fromJson(DEPLOY));
  }

  @AfterEach
  void closeEmulator() {
    port.close();
  }

  /** Asserts {@code answer} has {@code status} and matches {@code shape}. */
  static void expect(Api.Answer answer, int status, Shape shape) {
    assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
    shape.assertMatches(answer.body());
  }

  /** Asserts a 401 without a token, in the spec's 401 shape. */
  void expectUnauthorized(String method, String path, String body) {
    expect(api.raw(method, path, body, null), 401, PortShapes.UNAUTHORIZED);
  }

  String entity(String blueprint, String json) {
    Api.Answer answer = api.call("POST", "/v1/blueprints/" + blueprint + "/entities", json);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
    return answer.body().at("/entity/identifier").asText();
  }

  String run() {
    return api.call("POST", "/v1/actions/deploy/runs", "{\"properties\":{}}")
        .body()
        .at("/run/id")
        .asText();
  }
}
