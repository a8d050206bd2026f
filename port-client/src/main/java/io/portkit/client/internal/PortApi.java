package io.portkit.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortApiException;
import io.portkit.client.PortAuthenticationException;
import io.portkit.client.auth.AccessToken;
import io.portkit.client.auth.CachingTokenSource;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.auth.TokenSource;
import java.time.Clock;
import java.util.Objects;

/**
 * Sends authenticated JSON calls to Port: adds the bearer token, refreshes and replays once on a
 * 401, and turns non-2xx answers into {@link PortApiException}s. Thread-safe.
 */
public final class PortApi {
  /** The token route. */
  public static final String TOKEN_PATH = "/v1/auth/access_token";

  private final RetryingSender sender;
  private final ObjectMapper mapper;
  private final TokenSource tokens;

  /** Creates an API using {@code tokens} for authorization. */
  public PortApi(RetryingSender sender, ObjectMapper mapper, TokenSource tokens) {
    this.sender = Objects.requireNonNull(sender, "sender == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    this.tokens = Objects.requireNonNull(tokens, "tokens == null");
  }

  /** Returns the mapper used for bodies. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Sends {@code call} and returns the parsed 2xx body (an empty object when there is none).
   *
   * @throws PortAuthenticationException if Port still answers 401 after one refresh
   * @throws PortApiException for any other non-2xx answer
   * @throws io.portkit.client.PortTransportException if no answer arrived
   */
  public JsonNode send(ApiCall call) {
    AccessToken token = tokens.token();
    RawResponse response = sender.send(call, token.authorizationHeader());
    if (response.status() == 401) {
      AccessToken fresh = tokens.refreshAfterRejection(token);
      if (fresh.value().equals(token.value())) {
        throw authFailure(
            call,
            response,
            "Port rejected the access token and re-issued the same one;"
                + " check the credentials' permissions and the region (base URL).");
      }
      response = sender.send(call, fresh.authorizationHeader());
      if (response.status() == 401) {
        throw authFailure(
            call,
            response,
            "Port rejected a freshly issued access token;"
                + " check the credentials' permissions and the region (base URL).");
      }
    }
    if (!response.isSuccess()) {
      throw apiFailure(call, response);
    }
    return parse(call, response);
  }

  /**
   * Returns a token fetcher for {@code credentials} that calls {@value #TOKEN_PATH} through {@code
   * sender}.
   */
  public static CachingTokenSource.Fetcher tokenFetcher(
      RetryingSender sender, ObjectMapper mapper, ClientCredentials credentials, Clock clock) {
    Objects.requireNonNull(credentials, "credentials == null");
    return () -> {
      ObjectNode body =
          JsonNodeFactory.instance
              .objectNode()
              .put("clientId", credentials.clientId())
              .put("clientSecret", credentials.clientSecret());
      ApiCall call = new ApiCall("POST", TOKEN_PATH, "", body, ApiCall.Replay.IDEMPOTENT);
      RawResponse response = sender.send(call, null);
      if (response.status() == 401 || response.status() == 403) {
        throw authFailure(
            call,
            response,
            "Port refused the client credentials for client id "
                + credentials.clientId()
                + "; check PORT_CLIENT_ID / PORT_CLIENT_SECRET and the region (base URL).");
      }
      if (!response.isSuccess()) {
        throw apiFailure(call, response);
      }
      return token(call, response, mapper, clock);
    };
  }

  private static AccessToken token(
      ApiCall call, RawResponse response, ObjectMapper mapper, Clock clock) {
    JsonNode json;
    try {
      json = mapper.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    String value = JsonNodes.text(json, "accessToken");
    JsonNode ok = json == null ? null : json.get("ok");
    if (value == null || value.isBlank() || (ok != null && !ok.asBoolean())) {
      // The body is left out: on success it would hold the token.
      throw new PortAuthenticationException(
          "Port's token answer has no accessToken.",
          response.status(),
          call.method(),
          call.path(),
          JsonNodes.text(json, "error"),
          JsonNodes.text(json, "message"),
          response.header("X-Trace-Id"),
          null);
    }
    JsonNode expiresIn = json.get("expiresIn");
    Long seconds = expiresIn != null && expiresIn.isNumber() ? expiresIn.asLong() : null;
    try {
      return AccessToken.of(value, JsonNodes.text(json, "tokenType"), seconds, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new PortAuthenticationException(
          "Port's token answer is unusable: " + e.getMessage() + ".",
          response.status(),
          call.method(),
          call.path(),
          null,
          null,
          response.header("X-Trace-Id"),
          null);
    }
  }

  private JsonNode parse(ApiCall call, RawResponse response) {
    String body = response.body();
    if (body.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new PortApiException(
          response.status(),
          call.method(),
          call.path(),
          null,
          "the answer is not JSON",
          response.header("X-Trace-Id"),
          body);
    }
  }

  private static PortAuthenticationException authFailure(
      ApiCall call, RawResponse response, String explanation) {
    JsonNode json = errorJson(response.body());
    boolean tokenRoute = TOKEN_PATH.equals(call.path());
    return new PortAuthenticationException(
        explanation,
        response.status(),
        call.method(),
        call.path(),
        JsonNodes.text(json, "error"),
        JsonNodes.text(json, "message"),
        response.header("X-Trace-Id"),
        tokenRoute ? null : response.body());
  }

  /** Maps a non-2xx answer to an exception carrying Port's error envelope and trace id. */
  public static PortApiException apiFailure(ApiCall call, RawResponse response) {
    JsonNode json = errorJson(response.body());
    boolean tokenRoute = TOKEN_PATH.equals(call.path());
    return new PortApiException(
        response.status(),
        call.method(),
        call.path(),
        JsonNodes.text(json, "error"),
        JsonNodes.text(json, "message"),
        response.header("X-Trace-Id"),
        tokenRoute ? null : response.body());
  }

  private static JsonNode errorJson(String body) {
    try {
      return PortJsonHolder.MAPPER.readTree(body);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A private mapper for reading error envelopes; never configured or shared with users. */
  private static final class PortJsonHolder {
    static final ObjectMapper MAPPER = PortJson.newMapper();
  }
}
