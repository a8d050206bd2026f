package io.portkit.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.HandlerOptions;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The code shown in docs/handlers.md, compiled and run against the emulator. */
class HandlerSnippetsTest {
  // --- snippet: quickstart (docs/handlers.md) ---
  record DeployInputs(String version) {}

  static WebhookReceiver quickstart(ClientCredentials credentials, URI portApi, int httpPort) {
    PortBackend backend =
        PortBackend.builder()
            .credentials(credentials) // API tokens, and the key Port signs webhooks with
            .apiUrl(portApi)
            .handle(
                "deploy",
                DeployInputs.class,
                (inputs, run, ctx) -> {
                  ctx.log("deploying " + inputs.version());
                  ctx.addLink("https://ci.example.com/build/42");
                }) // returning = SUCCESS, throwing = FAILURE
            .handle(
                "validate", (run, ctx) -> ctx.succeed("name is free"), HandlerOptions.synchronous())
            .build();
    return WebhookReceiver.serve(backend, httpPort); // its shutdown hook ends runs in flight
  }

  // --- end snippet ---

  // --- snippet: entities (docs/handlers.md) ---
  static final RunHandler CREATE_SERVICE =
      (run, ctx) -> {
        String name = run.inputs().path("name").asText();
        ctx.statusLabel("creating repository");
        ctx.upsertEntity("service", Entity.builder(name).title(name).build()); // tied to the run
        ctx.addLink("https://git.example.com/" + name);
        ctx.succeed("service " + name + " created");
      };

  // --- end snippet ---

  @Test
  void quickstart_deliveredRun_endsSuccessInPort() {
    try (PortEmulator emulator = PortEmulator.start()) {
      emulator.defineAction(Backend.action("deploy", false));
      PortClient port =
          PortClient.builder()
              .baseUri(emulator.baseUri())
              .credentials(emulator.credentials())
              .build();
      String id = emulator.createRun("deploy", Backend.MAPPER.createObjectNode()).id();
      String body = Backend.body(id, "deploy");
      try (WebhookReceiver rx = quickstart(emulator.credentials(), emulator.baseUri(), 0)) {
        long ts =
            java.time.Instant.now()
                .getEpochSecond(); // the quickstart verifier uses the system clock
        String sig =
            io.portkit.backend.invocation.Signer.withSecret(emulator.clientSecret())
                .sign(ts, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> response = send(rx, body, ts, sig);

        assertThat(response.statusCode()).isEqualTo(202);
        EmulatedRun run = emulator.awaitRun(id, RunStatus.SUCCESS, Duration.ofSeconds(10));
        assertThat(run.links()).containsExactly("https://ci.example.com/build/42");
      }
    }
  }

  @Test
  void entitiesSnippet_upsertsEntityTiedToRun() {
    try (Backend b = new Backend(d -> d.handle("deploy", CREATE_SERVICE))) {
      b.port.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");
      String id = b.port.createRun("deploy", Backend.object("{\"name\":\"payments\"}")).id();

      b.deliver(
          "{\"port_context\":{\"runId\":\""
              + id
              + "\",\"action\":\"deploy\"},"
              + "\"inputs\":{\"name\":\"payments\"}}");

      EmulatedRun run = b.port.awaitRun(id, RunStatus.SUCCESS, Duration.ofSeconds(10));
      assertThat(run.summary()).isEqualTo("service payments created");
      assertThat(run.entities()).hasSize(1);
    }
  }

  private static java.net.http.HttpResponse<String> send(
      WebhookReceiver rx, String body, long ts, String sig) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(rx.uri())
                  .header("x-port-timestamp", Long.toString(ts))
                  .header("x-port-signature", sig)
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
