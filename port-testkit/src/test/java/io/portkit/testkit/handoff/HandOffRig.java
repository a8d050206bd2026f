package io.portkit.testkit.handoff;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.PortBackend;
import io.portkit.backend.callback.CallbackCompletion;
import io.portkit.backend.callback.CallbackVerifier;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.HandOff;
import io.portkit.testkit.FakeClock;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A backend whose action {@code deploy} hands each run to a pretend CI ({@code job-<runId>}, due in
 * an hour on a {@link FakeClock}), with the CI's signed callback on {@code /callbacks/ci}: {@code
 * {"job": "...", "status": "passed"|"failed"|"running", "url": "..."}}.
 */
final class HandOffRig implements AutoCloseable {
  static final String CI_SECRET = "ci-callback-secret-for-tests";
  static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ObjectMapper MAPPER = new ObjectMapper();

  final FakeClock clock = FakeClock.at(START);
  final PortEmulator port;
  final PortBackend backend;
  final WebhookReceiver receiver;
  final CallbackVerifier verifier;
  private final HttpClient http = HttpClient.newHttpClient();

  HandOffRig(PortEmulator port, @Nullable RunJournal journal) {
    this.port = port;
    verifier =
        CallbackVerifier.builder()
            .signatureHeader("X-Hub-Signature-256")
            .prefix("sha256=")
            .timestampHeader("X-CI-Timestamp")
            .clock(clock)
            .secret(CI_SECRET)
            .build();
    PortBackend.Builder b =
        PortBackend.builder()
            .credentials(port.credentials())
            .apiUrl(port.baseUri())
            .dispatcher(d -> d.clock(clock))
            .handle(
                "deploy",
                (run, ctx) -> {
                  String job = "job-" + run.runId();
                  ctx.addLink("https://ci.example.com/" + job);
                  ctx.handOff(
                      HandOff.of(
                          job, clock.instant().plus(Duration.ofHours(1)), "the CI's callback"));
                });
    if (journal != null) {
      b.journal(journal);
    }
    backend = b.build();
    receiver =
        WebhookReceiver.builder()
            .backend(backend)
            .callback("/callbacks/ci", callback(verifier))
            .port(0)
            .shutdownHook(false)
            .stopGrace(Duration.ZERO)
            .start();
    port.defineAction(
        Action.builder("deploy")
            .title("Deploy")
            .invocationMethod(InvocationMethod.webhook(receiver.uri()))
            .build());
  }

  static HandOffCallback callback(CallbackVerifier verifier) {
    return HandOffCallback.builder("ci")
        .verifier(verifier)
        .mapper(
            body -> {
              String status = body.path("status").asText();
              if (status.equals("running")) {
                return Optional.empty();
              }
              if (!body.path("job").isTextual()) {
                throw new IllegalArgumentException("no \"job\" in the callback");
              }
              HandOffResult.Builder r =
                  HandOffResult.builder(
                          status.equals("passed")
                              ? io.portkit.client.run.FinalStatus.SUCCESS
                              : io.portkit.client.run.FinalStatus.FAILURE)
                      .summary("pipeline " + status)
                      .lastLog("CI says: " + status);
              if (body.path("url").isTextual()) {
                r.link(body.path("url").asText());
              }
              return Optional.of(
                  CallbackCompletion.ofExternalId(body.path("job").asText(), r.build()));
            })
        .build();
  }

  /** Triggers {@code deploy} and returns the run id once the backend awaits its hand-off. */
  String handOffARun() {
    String id = port.trigger("deploy", MAPPER.createObjectNode()).id();
    port.awaitDelivery(id, WAIT);
    if (!backend.awaitIdle(WAIT)) {
      throw new AssertionError("run " + id + " still in flight");
    }
    return id;
  }

  /**
   * Posts {@code json} to the callback, signed with {@code secret} at {@code at} (null: unsigned).
   */
  HttpResponse<String> callback(String json, @Nullable String secret, Instant at) {
    byte[] body = json.getBytes(UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(receiver.uri().resolve("/callbacks/ci"))
            .header("Content-Type", "application/json")
            .header("X-CI-Timestamp", Long.toString(at.getEpochSecond()))
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header("X-Hub-Signature-256", verifier.sign(secret, at, body));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> signedCallback(String json) {
    return callback(json, CI_SECRET, clock.instant());
  }

  static String ci(String job, String status) {
    return "{\"job\":\""
        + job
        + "\",\"status\":\""
        + status
        + "\",\"url\":\"https://ci.example.com/"
        + job
        + "/report\"}";
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    receiver.close();
    backend.close();
  }
}
