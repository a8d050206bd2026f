package io.portkit.testkit.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * A real backend for end-to-end tests: PortEmulator, PortClient, RunDispatcher and WebhookReceiver
 * on 127.0.0.1, plus a client that posts signed webhooks to it.
 */
final class Backend implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String OLD_SECRET = "old-client-secret-being-rotated";

  final PortEmulator port;
  final PortClient client;
  final SignatureVerifier verifier;
  final RunDispatcher dispatcher;
  final WebhookReceiver receiver;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts a backend whose dispatcher is configured by {@code handlers} on top of the client. */
  Backend(UnaryOperator<RunDispatcher.Builder> handlers) {
    this(UnaryOperator.identity(), handlers);
  }

  /** Starts a backend whose client is configured by {@code clientSettings} too. */
  Backend(
      UnaryOperator<PortClient.Builder> clientSettings,
      UnaryOperator<RunDispatcher.Builder> handlers) {
    port = PortEmulator.start();
    port.defineAction(action("deploy", false));
    port.defineAction(action("cleanup", false));
    port.defineAction(action("orphan", false));
    port.defineAction(action("validate", true));
    this.client =
        clientSettings
            .apply(PortClient.builder().baseUri(port.baseUri()).credentials(port.credentials()))
            .build();
    verifier =
        SignatureVerifier.builder()
            .addSecret(port.clientSecret())
            .addSecret(OLD_SECRET)
            .clock(CLOCK)
            .build();
    dispatcher = handlers.apply(RunDispatcher.builder().client(client)).build();
    receiver =
        WebhookReceiver.builder()
            .verifier(verifier)
            .dispatcher(dispatcher)
            .manualRoute(true)
            .port(0)
            .stopGrace(Duration.ZERO) // every answer was read before close()
            .start();
  }

  static Action action(String id, boolean sync) {
    return Action.builder(id)
        .title(id)
        .invocationMethod(
            InvocationMethod.webhook(URI.create("http://127.0.0.1:9/")).synchronous(sync))
        .build();
  }

  /** Creates a run of {@code action} in the emulator and returns its id. */
  String createRun(String action) {
    return port.createRun(action, MAPPER.createObjectNode()).id();
  }

  /** The recommended-template body for {@code runId} of {@code action}. */
  static String body(String runId, String action) {
    return "{\"port_context\":{\"runId\":\""
        + runId
        + "\",\"action\":\""
        + action
        + "\"},\"inputs\":{\"version\":\"1.2.3\"},\"entity\":{}}";
  }

  /** Posts {@code body} signed with the emulator's client secret. */
  HttpResponse<String> deliver(String body) {
    return post("/", body, sign(port.clientSecret(), body));
  }

  String sign(String secret, String signedBody) {
    return Signer.withSecret(secret).sign(NOW.getEpochSecond(), signedBody.getBytes(UTF_8));
  }

  HttpResponse<String> post(String path, String body, String signature) {
    return post(path, body, Long.toString(NOW.getEpochSecond()), signature);
  }

  HttpResponse<String> post(String path, String body, String timestamp, String signature) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      req.header("x-port-timestamp", timestamp);
    }
    if (signature != null) {
      req.header("x-port-signature", signature);
    }
    try {
      return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted posting a webhook", e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    receiver.close();
    dispatcher.close();
    client.close();
    port.close();
  }
}
