package io.portkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.internal.PortApiRoutes;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A route of Port's API the emulator does not serve answers 501 naming the route and its
 * documentation, never a 404 that reads like a missing resource.
 */
class NotEmulatedRoutesTest {
  private final PortEmulator port = PortEmulator.start();
  private final Api api = new Api(port);

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void everyKnownRouteNotServed_answers501WithItsNameAndDocs() {
    Set<String> served = ServedRoutes.keys();
    int checked = 0;
    for (PortApiRoutes.PortRoute route : PortApiRoutes.all()) {
      if (served.contains(route.key())) {
        continue;
      }
      String path = route.template().replaceAll("\\{[^}]+}", "x1");
      String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
      Api.Answer answer = api.call(route.method(), path, body);

      assertThat(answer.status()).as("%s answered %s", route.key(), answer.body()).isEqualTo(501);
      PortShapes.ERROR.assertMatches(answer.body());
      assertThat(answer.body().get("error").asText()).isEqualTo("not_emulated");
      assertThat(answer.body().get("message").asText())
          .contains("\"" + route.name() + "\"")
          .contains(route.docsUrl());
      checked++;
    }
    assertThat(checked).isEqualTo(PortApiRoutes.all().size() - served.size());
  }

  @Test
  void unknownPathUnderV1_answers501PointingAtTheReference() {
    Api.Answer answer = api.call("GET", "/v1/no-such-thing", null);

    assertThat(answer.status()).isEqualTo(501);
    assertThat(answer.body().get("message").asText())
        .contains("does not know it as one of Port's routes")
        .contains(PortApiRoutes.REFERENCE);
  }
}
