package io.portkit.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.testkit.PortEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls to an emulator for the contract tests, with a token fetched on first use. */
final class Api {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final PortEmulator port;
  private String token;

  Api(PortEmulator port) {
    this.port = port;
  }

  /** One answer: status and parsed body. */
  record Answer(int status, JsonNode body) {}

  Answer call(String method, String path, String body) {
    if (token == null) {
      token =
          raw(
                  "POST",
                  "/v1/auth/access_token",
                  "{\"clientId\":\""
                      + port.clientId()
                      + "\",\"clientSecret\":\""
                      + port.clientSecret()
                      + "\"}",
                  null)
              .body()
              .get("accessToken")
              .asText();
    }
    return raw(method, path, body, token);
  }

  Answer raw(String method, String path, String body, String bearer) {
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
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
