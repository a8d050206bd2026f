package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The search routes over Port's query model of rules and combinators. */
class EntitySearchTest {
  private final FakeClock clock = FakeClock.at(java.time.Instant.parse("2026-03-10T12:00:00Z"));
  private final PortEmulator port =
      PortEmulator.builder()
          .clock(clock)
          .tokenLifetime(java.time.Duration.ofDays(30))
          .seed(9)
          .start();
  private final Http http = new Http(port);
  private String token;

  @BeforeEach
  void setUp() {
    port.defineBlueprint(
        "{\"identifier\":\"env\",\"title\":\"Environment\",\"schema\":{\"properties\":{"
            + "\"region\":{\"type\":\"string\"}}}}");
    port.defineBlueprint(
        "{\"identifier\":\"svc\",\"title\":\"Service\",\"schema\":{\"properties\":{"
            + "\"tier\":{\"type\":\"string\"},\"replicas\":{\"type\":\"number\"},"
            + "\"tags\":{\"type\":\"array\"},\"owner\":{\"type\":\"string\"},"
            + "\"expires\":{\"type\":\"string\",\"format\":\"timer\"}}},"
            + "\"relations\":{\"env\":{\"target\":\"env\",\"required\":true,\"many\":false}}}");
    token = http.token();
    post(
        "env",
        "{\"identifier\":\"prod\",\"title\":\"Production\",\"properties\":{\"region\":\"eu\"}}");
    post(
        "env",
        "{\"identifier\":\"dev\",\"title\":\"Development\",\"properties\":{\"region\":\"us\"}}");
    post(
        "svc",
        "{\"identifier\":\"pay\",\"title\":\"Payments\",\"properties\":{\"tier\":\"gold\",\"replicas\":3,"
            + "\"tags\":[\"pci\",\"core\"],\"owner\":\"ann\",\"expires\":\"2026-03-09T00:00:00Z\"},"
            + "\"relations\":{\"env\":\"prod\"}}");
    clock.advance(java.time.Duration.ofDays(2));
    post(
        "svc",
        "{\"identifier\":\"cart\",\"title\":\"Cart\",\"properties\":{\"tier\":\"silver\",\"replicas\":1,"
            + "\"tags\":[\"core\"],\"expires\":\"2026-04-01T00:00:00Z\"},\"relations\":{\"env\":\"prod\"}}");
    post(
        "svc",
        "{\"identifier\":\"docs\",\"title\":\"Docs site\",\"properties\":{\"tier\":\"bronze\",\"replicas\":2},"
            + "\"relations\":{\"env\":\"dev\"}}");
  }

  @AfterEach
  void close() {
    port.close();
  }

  private void post(String blueprint, String entity) {
    HttpResponse<String> response =
        http.send("POST", "/v1/blueprints/" + blueprint + "/entities", entity, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private HttpResponse<String> search(String query) {
    return http.send("POST", "/v1/entities/search", query, token);
  }

  private List<String> ids(String query) {
    HttpResponse<String> response = search(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    Http.json(response).get("entities").forEach(e -> ids.add(e.get("identifier").asText()));
    return ids;
  }

  private static String and(String... rules) {
    return "{\"combinator\":\"and\",\"rules\":[" + String.join(",", rules) + "]}";
  }

  private static String rule(String property, String operator, String value) {
    return "{\"property\":\""
        + property
        + "\",\"operator\":\""
        + operator
        + "\",\"value\":"
        + value
        + "}";
  }

  @Test
  void searchAll_answersOkWithEntitiesAndMatchingBlueprints() {
    HttpResponse<String> response = search(and(rule("$blueprint", "=", "\"svc\"")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(response);
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("matchingBlueprints").toString()).isEqualTo("[\"svc\"]");
    assertThat(body.get("entities")).hasSize(3);
  }

  @Test
  void comparisonOperators_matchAsPortDocumentsThem() {
    assertThat(ids(and(rule("$blueprint", "=", "\"svc\""), rule("replicas", ">", "1"))))
        .containsExactly("pay", "docs");
    assertThat(ids(and(rule("replicas", "<=", "2"), rule("$blueprint", "!=", "\"env\""))))
        .containsExactly("cart", "docs");
    assertThat(ids(and(rule("$title", "contains", "\"a\"")))).containsExactly("pay", "cart");
    assertThat(ids(and(rule("$identifier", "beginsWith", "\"d\"")))).containsExactly("dev", "docs");
    assertThat(
            ids(and(rule("$identifier", "endsWith", "\"t\""), rule("$blueprint", "=", "\"svc\""))))
        .containsExactly("cart");
    assertThat(ids(and(rule("tier", "in", "[\"gold\",\"bronze\"]"))))
        .containsExactly("pay", "docs");
    assertThat(ids(and(rule("$blueprint", "=", "\"svc\""), rule("tier", "notIn", "[\"gold\"]"))))
        .containsExactly("cart", "docs");
    assertThat(ids(and(rule("tags", "containsAny", "[\"pci\"]")))).containsExactly("pay");
    assertThat(
            ids(
                and(
                    rule("$blueprint", "=", "\"svc\""),
                    "{\"property\":\"owner\",\"operator\":\"isEmpty\"}")))
        .containsExactly("cart", "docs");
    assertThat(ids(and("{\"property\":\"owner\",\"operator\":\"isNotEmpty\"}")))
        .containsExactly("pay");
    assertThat(
            ids(
                and(
                    rule("$title", "doesNotContains", "\"o\""),
                    rule("$blueprint", "=", "\"svc\""))))
        .containsExactly("pay", "cart");
  }

  @Test
  void dateRules_betweenPresetsAndExpiry_useTheEmulatorsClock() {
    // pay was created on March 10, cart and docs on March 12 (the clock now).
    assertThat(
            ids(
                and(
                    rule("$blueprint", "=", "\"svc\""),
                    rule(
                        "$createdAt",
                        "between",
                        "{\"from\":\"2026-03-11T00:00:00Z\",\"to\":\"2026-03-13T00:00:00Z\"}"))))
        .containsExactly("cart", "docs");
    assertThat(
            ids(
                and(
                    rule("$blueprint", "=", "\"svc\""),
                    rule("$createdAt", "between", "{\"preset\":\"today\"}"))))
        .containsExactly("cart", "docs");
    assertThat(ids(and(rule("$createdAt", "notBetween", "{\"preset\":\"lastDay\"}"))))
        .containsExactly("prod", "dev", "pay");
    assertThat(ids(and("{\"property\":\"expires\",\"operator\":\"isExpired\"}")))
        .containsExactly("pay");
    assertThat(
            ids(
                and(
                    rule("$updatedAt", ">", "\"2026-03-11T00:00:00Z\""),
                    rule("$blueprint", "=", "\"env\""))))
        .isEmpty();
  }

  @Test
  void nestedCombinators_orInsideAnd() {
    String query =
        and(
            rule("$blueprint", "=", "\"svc\""),
            "{\"combinator\":\"or\",\"rules\":["
                + rule("tier", "=", "\"gold\"")
                + ","
                + rule("tier", "=", "\"bronze\"")
                + "]}");

    assertThat(ids(query)).containsExactly("pay", "docs");
  }

  @Test
  void relatedTo_followsRelationsUpstreamAndDownstream() {
    String downstream =
        and(
            "{\"operator\":\"relatedTo\",\"blueprint\":\"env\",\"value\":\"prod\",\"direction\":\"downstream\"}");
    String upstream =
        and(
            "{\"operator\":\"relatedTo\",\"blueprint\":\"svc\",\"value\":[\"pay\",\"docs\"],\"direction\":\"upstream\"}");
    String optionalOnly =
        and(
            "{\"operator\":\"relatedTo\",\"blueprint\":\"env\",\"value\":\"prod\",\"required\":false}");

    assertThat(ids(downstream)).containsExactly("pay", "cart");
    assertThat(ids(upstream)).containsExactly("prod", "dev");
    assertThat(ids(optionalOnly)).isEmpty(); // the only relation to prod is required
  }

  @Test
  void blueprintSearch_paginatesWithLimitAndNext_andProjectsIncludeExclude() {
    String first =
        "{\"query\":"
            + and(rule("replicas", ">=", "1"))
            + ",\"include\":[\"$identifier\",\"tier\"],\"limit\":2}";
    JsonNode page1 =
        Http.json(http.send("POST", "/v1/blueprints/svc/entities/search", first, token));
    String second =
        "{\"limit\":2,\"exclude\":[\"env\",\"$createdBy\"],\"from\":\""
            + page1.get("next").asText()
            + "\"}";
    JsonNode page2 =
        Http.json(http.send("POST", "/v1/blueprints/svc/entities/search", second, token));

    assertThat(page1.get("entities").toString())
        .isEqualTo(
            "[{\"identifier\":\"pay\",\"properties\":{\"tier\":\"gold\"}},"
                + "{\"identifier\":\"cart\",\"properties\":{\"tier\":\"silver\"}}]");
    assertThat(page2.has("next")).isFalse();
    assertThat(page2.get("entities")).hasSize(1);
    assertThat(page2.at("/entities/0/identifier").asText()).isEqualTo("docs");
    assertThat(page2.at("/entities/0/relations").has("env")).isFalse();
    assertThat(page2.at("/entities/0").has("createdBy")).isFalse();
  }

  @Test
  void blueprintSearch_relationRuleOnTitle() {
    String body =
        "{\"query\":"
            + and(
                "{\"relation\":\"env\",\"targetProperty\":\"$title\",\"operator\":\"=\",\"value\":\"Development\"}")
            + "}";
    JsonNode page = Http.json(http.send("POST", "/v1/blueprints/svc/entities/search", body, token));

    assertThat(page.at("/entities/0/identifier").asText()).isEqualTo("docs");
    assertThat(page.get("entities")).hasSize(1);
  }

  @Test
  void unsupportedRule_answers501NamingIt_andUnknownOperator422() {
    HttpResponse<String> matchAny =
        search(
            and(
                "{\"property\":{\"path\":[\"env\"]},\"operator\":\"matchAny\",\"value\":\"prod\"}"));
    HttpResponse<String> unknown = search(and(rule("tier", "like", "\"g%\"")));
    HttpResponse<String> badCombinator = search("{\"combinator\":\"xor\",\"rules\":[]}");

    assertThat(matchAny.statusCode()).isEqualTo(501);
    assertThat(Http.json(matchAny).get("error").asText()).isEqualTo("not_emulated");
    assertThat(Http.json(matchAny).get("message").asText()).contains("\"matchAny\"");
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(Http.json(unknown).get("message").asText()).contains("unknown operator \"like\"");
    assertThat(badCombinator.statusCode()).isEqualTo(422);
    assertThat(http.send("POST", "/v1/blueprints/ghost/entities/search", "{}", token).statusCode())
        .isEqualTo(404);
  }
}
