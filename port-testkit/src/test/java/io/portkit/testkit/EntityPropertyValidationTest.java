package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Entity properties are checked against the blueprint's schema, as Port checks them. */
class EntityPropertyValidationTest {
  private static final String BLUEPRINT =
      "{\"identifier\":\"svc\",\"title\":\"Service\",\"schema\":{\"properties\":{"
          + "\"num\":{\"type\":\"number\",\"minimum\":0,\"maximum\":10},"
          + "\"name\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":5,\"pattern\":\"^[a-z]+$\"},"
          + "\"on\":{\"type\":\"boolean\"},\"cfg\":{\"type\":\"object\"},"
          + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}},"
          + "\"env\":{\"type\":\"string\",\"enum\":[\"prod\",\"dev\"]},"
          + "\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
          + "\"site\":{\"type\":\"string\",\"format\":\"url\"},"
          + "\"mail\":{\"type\":\"string\",\"format\":\"email\"},"
          + "\"ip\":{\"type\":\"string\",\"format\":\"ipv4\"},"
          + "\"ip6\":{\"type\":\"string\",\"format\":\"ipv6\"},"
          + "\"req\":{\"type\":\"string\"}},\"required\":[\"req\"]}}";

  private final PortEmulator port = PortEmulator.start();
  private final Http http = new Http(port);
  private String token;

  @BeforeEach
  void setUp() {
    port.defineBlueprint(BLUEPRINT);
    token = http.token();
  }

  @AfterEach
  void close() {
    port.close();
  }

  private HttpResponse<String> post(String properties) {
    return http.send(
        "POST",
        "/v1/blueprints/svc/entities?upsert=true",
        "{\"identifier\":\"e\",\"properties\":{\"req\":\"x\"" + properties + "}}",
        token);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ",\"num\":\"notanumber\" | property \"num\" of blueprint \"svc\" must be a number, got string \"notanumber\"",
        ",\"num\":11 | property \"num\" of blueprint \"svc\" must be at most 10",
        ",\"num\":-1 | property \"num\" of blueprint \"svc\" must be at least 0",
        ",\"name\":5 | property \"name\" of blueprint \"svc\" must be a string, got number 5",
        ",\"name\":\"a\" | property \"name\" of blueprint \"svc\" must be at least 2 characters",
        ",\"name\":\"abcdef\" | property \"name\" of blueprint \"svc\" must be at most 5 characters",
        ",\"name\":\"AB\" | property \"name\" of blueprint \"svc\" must match ^[a-z]+$",
        ",\"on\":\"yes\" | property \"on\" of blueprint \"svc\" must be a boolean",
        ",\"cfg\":[] | property \"cfg\" of blueprint \"svc\" must be an object",
        ",\"tags\":[\"a\",\"c\"] | property \"tags[1]\" of blueprint \"svc\" must be one of [\"a\",\"b\"]",
        ",\"env\":\"staging\" | property \"env\" of blueprint \"svc\" must be one of [\"prod\",\"dev\"]",
        ",\"at\":\"yesterday\" | property \"at\" of blueprint \"svc\" must be a valid date-time",
        ",\"site\":\"not a url\" | property \"site\" of blueprint \"svc\" must be a valid url",
        ",\"mail\":\"nobody\" | property \"mail\" of blueprint \"svc\" must be a valid email",
        ",\"ip\":\"999.1.1.1\" | property \"ip\" of blueprint \"svc\" must be a valid ipv4",
        ",\"ip6\":\"1::2::3\" | property \"ip6\" of blueprint \"svc\" must be a valid ipv6",
        ",\"color\":\"red\" | property \"color\" of blueprint \"svc\" is not defined in the blueprint's schema"
      })
  void invalidProperty_answers422NamingPropertyAndRule(String properties, String message) {
    HttpResponse<String> response = post(properties);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_request");
    assertThat(Http.json(response).get("message").asText()).contains(message);
  }

  @Test
  void missingRequiredProperty_answers422() {
    HttpResponse<String> response =
        http.send("POST", "/v1/blueprints/svc/entities", "{\"identifier\":\"e\"}", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .endsWith("property \"req\" of blueprint \"svc\" is required by the blueprint's schema");
  }

  @Test
  void validProperties_areStored() {
    HttpResponse<String> response =
        post(
            ",\"num\":2.5,\"name\":\"abc\",\"on\":true,\"cfg\":{\"k\":1},\"tags\":[\"a\"],"
                + "\"env\":\"prod\",\"at\":\"2026-01-01T10:00:00.000Z\",\"site\":\"https://x.io/a\","
                + "\"mail\":\"a@b.io\",\"ip\":\"10.0.0.1\",\"ip6\":\"2001:db8::1\"");

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void undeclaredProperty_isAcceptedWhenTheBuilderSaysSo() {
    try (PortEmulator lenient = PortEmulator.builder().rejectUndeclaredProperties(false).start()) {
      lenient.defineBlueprint(BLUEPRINT);
      Http h = new Http(lenient);
      HttpResponse<String> response =
          h.call(
              "POST",
              "/v1/blueprints/svc/entities",
              "{\"identifier\":\"e\",\"properties\":{\"req\":\"x\",\"color\":\"red\",\"num\":\"bad\"}}");

      assertThat(response.statusCode()).isEqualTo(422); // declared properties are still checked
      assertThat(Http.json(response).get("message").asText()).contains("\"num\"");
      assertThat(
              h.call(
                      "POST",
                      "/v1/blueprints/svc/entities",
                      "{\"identifier\":\"e\",\"properties\":{\"req\":\"x\",\"color\":\"red\"}}")
                  .statusCode())
          .isEqualTo(201);
    }
  }
}
