package io.portkit.client.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Port access token with its type and expiry instant.
 *
 * <p>Immutable. {@link #toString()} masks the token value. Use {@link #of} to derive the expiry the
 * way portkit does: from the JWT's {@code exp} claim when the token is a JWT that has one (Port
 * re-issues the same active token, so {@code expiresIn} may overstate its remaining life),
 * otherwise from {@code expiresIn} counted from the receipt time.
 *
 * @param value the bearer token; not blank, never printed
 * @param tokenType the scheme for the {@code Authorization} header, usually {@code Bearer}
 * @param expiresAt when Port stops accepting it
 */
public record AccessToken(String value, String tokenType, Instant expiresAt) {
  /**
   * Validates the fields; a blank {@code tokenType} becomes {@code Bearer}.
   *
   * @throws NullPointerException if {@code value} or {@code expiresAt} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public AccessToken {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("value is blank");
    }
    tokenType = tokenType == null || tokenType.isBlank() ? "Bearer" : tokenType;
  }

  /**
   * Builds a token from Port's answer, reading the expiry from the JWT {@code exp} claim (no
   * signature check) and falling back to {@code receivedAt + expiresIn}.
   *
   * @param value the {@code accessToken} field
   * @param tokenType the {@code tokenType} field, may be null
   * @param expiresInSeconds the {@code expiresIn} field, or null when absent
   * @param receivedAt when the answer arrived, on the client's clock
   * @throws IllegalArgumentException if neither an {@code exp} claim nor {@code expiresIn} exists
   */
  public static AccessToken of(
      String value, String tokenType, @Nullable Long expiresInSeconds, Instant receivedAt) {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
    Instant exp = jwtExpiry(value);
    if (exp == null) {
      if (expiresInSeconds == null) {
        throw new IllegalArgumentException(
            "the access token has no exp claim and the answer has no expiresIn:"
                + " cannot tell when it expires");
      }
      exp = receivedAt.plusSeconds(expiresInSeconds);
    }
    return new AccessToken(value, tokenType, exp);
  }

  private static @Nullable Instant jwtExpiry(String value) {
    try {
      return JWT.decode(value).getExpiresAtAsInstant();
    } catch (JWTDecodeException notAJwt) {
      // Opaque tokens (emulators, older stacks) are allowed: expiresIn decides then.
      return null;
    }
  }

  /**
   * Returns the state of this token at {@code now}.
   *
   * @param now the current instant
   * @param refreshMargin time before expiry from which the token is {@link TokenState#STALE}
   * @param expiryMargin time before expiry from which it is {@link TokenState#EXPIRED}
   */
  public TokenState stateAt(Instant now, Duration refreshMargin, Duration expiryMargin) {
    Duration left = Duration.between(now, expiresAt);
    if (left.compareTo(expiryMargin) <= 0) {
      return TokenState.EXPIRED;
    }
    return left.compareTo(refreshMargin) <= 0 ? TokenState.STALE : TokenState.FRESH;
  }

  /** Returns the {@code Authorization} header value, for example {@code Bearer eyJ...}. */
  public String authorizationHeader() {
    return tokenType + " " + value;
  }

  /** Returns the type and expiry with the token value masked. */
  @Override
  public String toString() {
    return "AccessToken[value=***, tokenType=" + tokenType + ", expiresAt=" + expiresAt + "]";
  }
}
