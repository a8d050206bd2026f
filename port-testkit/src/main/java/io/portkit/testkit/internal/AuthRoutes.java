package io.portkit.testkit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The token route {@code POST /v1/auth/access_token}. */
final class AuthRoutes {
  private static final Set<String> FIELDS = Set.of("clientId", "clientSecret");

  private final EmulatorSettings settings;
  private final TokenStore tokens;
  private final Clock clock;

  AuthRoutes(EmulatorSettings settings, TokenStore tokens, Clock clock) {
    this.settings = settings;
    this.tokens = tokens;
    this.clock = clock;
  }

  List<Route> routes() {
    return List.of(Route.open("POST", "/v1/auth/access_token", this::token));
  }

  private ApiResponse token(ApiRequest request) {
    ObjectNode body = Json.requireObject(request.json());
    Json.rejectUnknownFields(body, FIELDS);
    String clientId = Json.requiredString(body, "clientId");
    String clientSecret = Json.requiredString(body, "clientSecret");
    // Constant-time on both parts so the emulator is not a timing oracle in shared environments.
    boolean idMatches =
        MessageDigest.isEqual(clientId.getBytes(UTF_8), settings.clientId().getBytes(UTF_8));
    boolean secretMatches =
        MessageDigest.isEqual(
            clientSecret.getBytes(UTF_8), settings.clientSecret().getBytes(UTF_8));
    if (!idMatches || !secretMatches) {
      throw new ApiError(
          401,
          "invalid_credentials",
          "The client id or client secret is wrong: use the credentials the emulator printed or was built with");
    }
    TokenStore.Issued issued = tokens.issue(clientId);
    long expiresIn = Math.max(0, Duration.between(clock.instant(), issued.expiresAt()).toSeconds());
    ObjectNode answer =
        Json.object()
            .put("ok", true)
            .put("accessToken", issued.value())
            .put("expiresIn", expiresIn)
            .put("tokenType", "Bearer");
    return new ApiResponse(200, answer);
  }
}
