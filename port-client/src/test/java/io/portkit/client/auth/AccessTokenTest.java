package io.portkit.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.testing.TestClients;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final Duration EXPIRY = Duration.ofMinutes(1);

  @Test
  void of_jwtWithExp_usesExpOverExpiresIn() {
    Instant exp = NOW.plus(Duration.ofMinutes(42));

    AccessToken t = AccessToken.of(TestClients.jwt(exp), "Bearer", 10800L, NOW);

    assertThat(t.expiresAt()).isEqualTo(exp);
  }

  @Test
  void of_opaqueToken_fallsBackToExpiresIn() {
    AccessToken t = AccessToken.of("opaque", null, 10800L, NOW);

    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(10800));
    assertThat(t.tokenType()).isEqualTo("Bearer");
  }

  @Test
  void of_noExpAndNoExpiresIn_throws() {
    assertThatThrownBy(() -> AccessToken.of("opaque", "Bearer", null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the access token has no exp claim and the answer has no expiresIn:"
                + " cannot tell when it expires");
  }

  @Test
  void stateAt_farFromExpiry_fresh() {
    AccessToken t = new AccessToken("t", "Bearer", NOW.plus(Duration.ofMinutes(10)));

    assertThat(t.stateAt(NOW, REFRESH, EXPIRY)).isEqualTo(TokenState.FRESH);
  }

  @Test
  void stateAt_withinRefreshMargin_stale() {
    AccessToken t = new AccessToken("t", "Bearer", NOW.plus(Duration.ofMinutes(5)));

    assertThat(t.stateAt(NOW, REFRESH, EXPIRY)).isEqualTo(TokenState.STALE);
  }

  @Test
  void stateAt_withinExpiryMarginOrPast_expired() {
    AccessToken t = new AccessToken("t", "Bearer", NOW.plus(Duration.ofSeconds(60)));

    assertThat(t.stateAt(NOW, REFRESH, EXPIRY)).isEqualTo(TokenState.EXPIRED);
    assertThat(t.stateAt(NOW.plus(Duration.ofHours(1)), REFRESH, EXPIRY))
        .isEqualTo(TokenState.EXPIRED);
  }

  @Test
  void toString_masksValue() {
    AccessToken t = new AccessToken("eyJsecret", "Bearer", NOW);

    assertThat(t.toString())
        .isEqualTo("AccessToken[value=***, tokenType=Bearer, expiresAt=2026-01-01T00:00:00Z]");
    assertThat(t.authorizationHeader()).isEqualTo("Bearer eyJsecret");
  }
}
