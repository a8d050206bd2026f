package io.portkit.testkit.internal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Issues and checks access tokens the way Port does: one active JWT per client id, re-issued until
 * it expires. Thread-safe (synchronized).
 */
public final class TokenStore {
  /** Why a bearer token was refused. */
  public enum Rejection {
    MISSING,
    INVALID,
    EXPIRED
  }

  /**
   * An issued token.
   *
   * @param value the JWT
   * @param expiresAt its {@code exp}
   */
  public record Issued(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[value=***, expiresAt=" + expiresAt + "]";
    }
  }

  private final Clock clock;
  private final Duration lifetime;
  private final Algorithm algorithm;
  private final Map<String, Issued> activeByClient = new HashMap<>();
  private final Map<String, Issued> issuedByValue = new HashMap<>();
  private final Map<String, Boolean> revoked = new HashMap<>();
  private long serial;

  /** Creates a store signing with a key drawn from {@code ids}. */
  public TokenStore(Clock clock, Duration lifetime, Ids ids) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.algorithm = Algorithm.HMAC256(ids.bytes(32));
  }

  /** Returns the active token of {@code clientId}, issuing a new one if none is active. */
  public synchronized Issued issue(String clientId) {
    Instant now = clock.instant();
    Issued active = activeByClient.get(clientId);
    if (active != null
        && now.isBefore(active.expiresAt())
        && !revoked.containsKey(active.value())) {
      return active;
    }
    // JWT times are whole seconds; truncating keeps exp and the check below in agreement.
    Instant issuedAt = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Issued fresh =
        new Issued(
            JWT.create()
                .withSubject(clientId)
                .withIssuer("port-testkit")
                .withJWTId(Long.toString(++serial))
                .withIssuedAt(issuedAt)
                .withExpiresAt(issuedAt.plus(lifetime))
                .sign(algorithm),
            issuedAt.plus(lifetime));
    activeByClient.put(clientId, fresh);
    issuedByValue.put(fresh.value(), fresh);
    return fresh;
  }

  /** Checks the {@code Authorization} header value; returns {@code null} when it is acceptable. */
  public synchronized Rejection check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Rejection.MISSING;
    }
    String prefix = "Bearer ";
    if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Rejection.INVALID;
    }
    Issued issued = issuedByValue.get(authorization.substring(prefix.length()).trim());
    if (issued == null) {
      return Rejection.INVALID;
    }
    if (revoked.containsKey(issued.value()) || !clock.instant().isBefore(issued.expiresAt())) {
      return Rejection.EXPIRED;
    }
    return null;
  }

  /** Expires every token issued so far; the next token request gets a new one. */
  public synchronized void expireAll() {
    issuedByValue.keySet().forEach(value -> revoked.put(value, Boolean.TRUE));
  }

  /** Forgets every token. */
  public synchronized void clear() {
    activeByClient.clear();
    issuedByValue.clear();
    revoked.clear();
  }
}
