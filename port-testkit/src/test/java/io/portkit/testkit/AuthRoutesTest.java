package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthRoutesTest {
  private final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final PortEmulator port = PortEmulator.builder().clock(clock).seed(7).start();
  private final Http http = new Http(port);

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void token_validCredentials_returnsBearerJwtWithExp() {
    HttpResponse<String> response = http.tokenResponse();
    JsonNode body = Http.json(response);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(body.get("expiresIn").asLong()).isEqualTo(3 * 3600);
    assertThat(JWT.decode(body.get("accessToken").asText()).getExpiresAtAsInstant())
        .isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
  }

  @Test
  void token_requestedAgainBeforeExpiry_returnsSameTokenWithRemainingLifetime() {
    String first = http.token();
    clock.advance(Duration.ofHours(1));
    JsonNode again = Http.json(http.tokenResponse());

    assertThat(again.get("accessToken").asText()).isEqualTo(first);
    assertThat(again.get("expiresIn").asLong()).isEqualTo(2 * 3600);
  }

  @Test
  void token_requestedAfterExpiry_returnsNewToken() {
    String first = http.token();
    clock.advance(Duration.ofHours(3));

    assertThat(http.token()).isNotEqualTo(first);
  }

  @Test
  void token_wrongSecret_answers401InvalidCredentials() {
    HttpResponse<String> response =
        http.send(
            "POST",
            "/v1/auth/access_token",
            "{\"clientId\":\"" + port.clientId() + "\",\"clientSecret\":\"nope\"}",
            null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_credentials");
  }

  @Test
  void token_unknownField_answers422() {
    HttpResponse<String> response =
        http.send(
            "POST",
            "/v1/auth/access_token",
            "{\"clientId\":\"a\",\"clientSecret\":\"b\",\"foo\":1}",
            null);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("message").asText())
        .isEqualTo(
            "The json provided does not match the route's schema: unknown field \"foo\"; allowed fields are [clientId, clientSecret]");
  }

  @Test
  void api_missingToken_answers401MissingToken() {
    HttpResponse<String> response = http.send("GET", "/v1/actions/runs/r_x", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("ok").asBoolean()).isFalse();
    assertThat(Http.json(response).get("error").asText()).isEqualTo("missing_token");
  }

  @Test
  void api_badToken_answers401InvalidToken() {
    HttpResponse<String> response = http.send("GET", "/v1/actions/runs/r_x", null, "not-a-token");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_token");
  }

  @Test
  void api_tokenPastExp_answers401TokenExpired() {
    String token = http.token();
    clock.advance(Duration.ofHours(3));

    HttpResponse<String> response = http.send("GET", "/v1/actions/runs/r_x", null, token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("token_expired");
  }

  @Test
  void expireTokens_thenCall_answers401AndNextTokenIsNewAndWorks() {
    String token = http.token();
    port.expireTokens();

    assertThat(http.send("GET", "/v1/actions/runs", null, token).statusCode()).isEqualTo(401);
    String fresh = http.token();
    assertThat(fresh).isNotEqualTo(token);
    assertThat(http.send("GET", "/v1/actions/runs", null, fresh).statusCode()).isEqualTo(200);
  }
}
