package io.portkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.catalog.Action;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny java.net.http client for talking to the emulator in tests. */
final class Http {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final PortEmulator port;

  Http(PortEmulator port) {
    this.port = port;
  }

  HttpResponse<String> send(String method, String path, String body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(port.baseUri() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> tokenResponse() {
    return send(
        "POST",
        "/v1/auth/access_token",
        "{\"clientId\":\""
            + port.clientId()
            + "\",\"clientSecret\":\""
            + port.clientSecret()
            + "\"}",
        null);
  }

  String token() {
    return json(tokenResponse()).get("accessToken").asText();
  }

  /** Sends with a fresh token. */
  HttpResponse<String> call(String method, String path, String body) {
    return send(method, path, body, token());
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String BLUEPRINT =
      "{\"identifier\":\"service\",\"title\":\"Service\","
          + "\"relations\":{\"team\":{\"target\":\"team\",\"required\":false,\"many\":false}}}";
  static final String TEAM_BLUEPRINT =
      "{\"identifier\":\"team\",\"title\":\"Team\",\"schema\":{\"properties\":{"
          + "\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}}}}";

  static String action(String id, boolean sync) {
    return "{\"identifier\":\""
        + id
        + "\",\"title\":\"Deploy\",\"icon\":\"Rocket\",\"trigger\":{\"type\":\"self-service\","
        + "\"operation\":\"DAY-2\",\"blueprintIdentifier\":\"service\",\"userInputs\":{\"properties\":{}}},"
        + "\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:9/hook\",\"synchronized\":"
        + sync
        + "}}";
  }

  /** Defines blueprints team and service and actions deploy (async) and deploy_sync. */
  static void catalog(PortEmulator port) {
    port.defineBlueprint(TEAM_BLUEPRINT);
    port.defineBlueprint(BLUEPRINT);
    port.defineAction(Action.fromJson(action("deploy", false)));
    port.defineAction(Action.fromJson(action("deploy_sync", true)));
  }
}
