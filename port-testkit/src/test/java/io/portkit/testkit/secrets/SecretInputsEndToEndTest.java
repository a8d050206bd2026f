package io.portkit.testkit.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.PortBackend;
import io.portkit.backend.invocation.SecretValue;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The emulator encrypts secret inputs as Port does, keeps no plaintext, and a PortBackend decrypts
 * them: both modes, end to end over signed webhooks.
 */
class SecretInputsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "hunter2-plaintext-password";
  private static final String API_KEY = "sk-live-plaintext-api-token";
  private static final KeyPair RSA = rsa();
  private static final Duration WAIT = Duration.ofSeconds(10);

  record Inputs(String name, SecretValue token, SecretValue apiKey, SecretValue creds) {}

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN "
        + kind
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
        + "\n-----END "
        + kind
        + "-----\n";
  }

  private static Action action(URI receiver) {
    return Action.builder("rotate_credentials")
        .userInput("name", "string")
        .secretInput("token", "string")
        .secretInput("api_key", "string", pem("PUBLIC KEY", RSA.getPublic().getEncoded()))
        .secretInput("creds", "object")
        .invocationMethod(InvocationMethod.webhook(receiver))
        .build();
  }

  private static ObjectNode inputs() {
    ObjectNode inputs = JSON.createObjectNode().put("name", "payments");
    inputs.put("token", TOKEN).put("api_key", API_KEY);
    inputs.putObject("creds").put("user", "svc").put("password", TOKEN);
    return inputs;
  }

  private static void withBackend(
      PortEmulator port, Consumer<PortBackend.Builder> keys, Consumer<WebhookReceiver> test) {
    PortBackend.Builder b =
        PortBackend.builder()
            .credentials(port.credentials())
            .apiUrl(port.baseUri())
            .handle(
                "rotate_credentials",
                Inputs.class,
                (in, run, ctx) -> {
                  boolean ok =
                      in.token().reveal().equals(TOKEN)
                          && in.apiKey().reveal().equals(API_KEY)
                          && in.creds().revealJson().path("password").asText().equals(TOKEN);
                  ctx.log("decrypted " + in.token() + ", " + in.apiKey() + ", " + in.creds());
                  if (!ok) {
                    throw new IllegalStateException("a secret decrypted to the wrong value");
                  }
                  ctx.succeed("rotated " + in.name());
                });
    keys.accept(b);
    try (WebhookReceiver rx = WebhookReceiver.builder().backend(b.build()).port(0).start()) {
      test.accept(rx);
    }
  }

  @Test
  void bothModes_encryptedOnDelivery_decryptedByTheBackend_noPlaintextKept() {
    try (PortEmulator port = PortEmulator.start()) {
      withBackend(
          port,
          b -> b.secretPrivateKeyPem(pem("PRIVATE KEY", RSA.getPrivate().getEncoded())),
          rx -> {
            port.defineAction(action(rx.uri()));
            EmulatedRun run = port.trigger("rotate_credentials", inputs());

            EmulatedRun done = port.awaitRun(run.id(), RunStatus.SUCCESS, WAIT);
            assertThat(done.summary()).isEqualTo("rotated payments");
            assertThat(done.logs().get(0).message())
                .isEqualTo(
                    "decrypted SecretValue[input=token, ***], SecretValue[input=api_key, ***],"
                        + " SecretValue[input=creds, ***]");
            JsonNode body = done.payload().path("body");
            assertThat(body.path("port_context").path("encryptedProperties"))
                .extracting(JsonNode::asText)
                .containsExactly("token", "api_key", "creds");
            assertThat(body.path("inputs").path("name").asText()).isEqualTo("payments");
            assertThat(body.path("inputs").path("token").asText()).isNotEqualTo(TOKEN).isNotBlank();
            assertThat(done.properties().has("token")).isFalse();
            assertThat(done.properties().path("name").asText()).isEqualTo("payments");
            assertNoPlaintext(done.toString());
            assertNoPlaintext(done.payload().toString());
            assertNoPlaintext(getRun(port, run.id()));
          });
    }
  }

  @Test
  void runCreatedOverHttp_secretInputsNeverStoredOrAnswered() {
    try (PortEmulator port = PortEmulator.start()) {
      withBackend(
          port,
          b -> b.secretPrivateKeyPem(pem("PRIVATE KEY", RSA.getPrivate().getEncoded())),
          rx -> {
            port.defineAction(action(rx.uri()));
            String answer =
                http(
                    port,
                    "POST",
                    "/v1/actions/rotate_credentials/runs",
                    JSON.createObjectNode().<ObjectNode>set("properties", inputs()).toString());
            assertNoPlaintext(answer);
            String id = read(answer).path("run").path("id").asText();

            assertThat(port.awaitRun(id, RunStatus.SUCCESS, WAIT).summary())
                .isEqualTo("rotated payments");
            assertNoPlaintext(getRun(port, id));
          });
    }
  }

  @Test
  void backendWithoutThePrivateKey_runFailsNamingTheInputAndReason() {
    try (PortEmulator port = PortEmulator.start()) {
      withBackend(
          port,
          b -> {},
          rx -> {
            port.defineAction(action(rx.uri()));
            EmulatedRun run = port.trigger("rotate_credentials", inputs());

            EmulatedRun done = port.awaitRun(run.id(), RunStatus.FAILURE, WAIT);
            assertThat(done.statusLabel()).isEqualTo("invalid inputs");
            assertThat(done.summary())
                .startsWith("secret input 'api_key' was not decrypted: it does not authenticate")
                .contains("no private key is configured");
            assertNoPlaintext(done.toString());
          });
    }
  }

  private static void assertNoPlaintext(String text) {
    assertThat(text).doesNotContain(TOKEN).doesNotContain(API_KEY);
  }

  private static String getRun(PortEmulator port, String id) {
    return http(port, "GET", "/v1/actions/runs/" + id + "?version=v2", null);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String http(PortEmulator port, String method, String path, String body) {
    try {
      HttpClient client = HttpClient.newHttpClient();
      String token =
          read(client
                  .send(
                      HttpRequest.newBuilder(port.baseUri().resolve("/v1/auth/access_token"))
                          .header("content-type", "application/json")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  JSON.createObjectNode()
                                      .put("clientId", port.clientId())
                                      .put("clientSecret", port.clientSecret())
                                      .toString()))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body())
              .path("accessToken")
              .asText();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(port.baseUri().resolve(path))
              .header("Authorization", "Bearer " + token)
              .header("content-type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
