package io.portkit.testkit.crash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a backend JVM (SIGKILL) while two runs are handed off, starts a new one on the same
 * journal, and checks it still awaits both: the CI's signed callback to the new process completes
 * one, and the other ends FAILURE at its deadline with no completion.
 */
class HandOffRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path journal;

  @Test
  void sigkillWhileHandedOff_restartAwaitsAgain_callbackCompletes_deadlineFails() throws Exception {
    try (PortEmulator port = PortEmulator.start()) {
      String called;
      String silent;
      try (ChildBackend first = ChildBackend.start(HandOffChild.class, port, journal, "-")) {
        int httpPort = first.awaitListening(WAIT);
        port.defineAction(
            Action.builder("ci")
                .title("CI")
                .invocationMethod(
                    InvocationMethod.webhook(URI.create("http://127.0.0.1:" + httpPort + "/")))
                .build());
        called = port.trigger("ci", inputs(3600)).id();
        silent = port.trigger("ci", inputs(4)).id();
        first.awaitHandedOff(called, WAIT);
        first.awaitHandedOff(silent, WAIT);

        first.kill(WAIT);
      }
      assertThat(port.run(called).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);

      try (ChildBackend second = ChildBackend.start(HandOffChild.class, port, journal, "-")) {
        int httpPort = second.awaitListening(WAIT);

        HttpResponse<String> answer = callback(httpPort, "{\"job\":\"job-" + called + "\"}");
        EmulatedRun completed = port.awaitRun(called, RunStatus.SUCCESS, WAIT);
        EmulatedRun expired = port.awaitFinalStatus(silent, WAIT);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(completed.summary()).isEqualTo("passed");
        assertThat(expired.status()).isEqualTo(RunStatus.FAILURE);
        assertThat(expired.statusLabel()).isEqualTo("no completion");
        assertThat(expired.summary())
            .startsWith("no completion came from the CI's callback for job-" + silent);
        assertThat(port.runs())
            .extracting(EmulatedRun::status)
            .doesNotContain(RunStatus.IN_PROGRESS);
      }
    }
  }

  private static ObjectNode inputs(int deadlineSeconds) {
    return JsonNodeFactory.instance.objectNode().put("deadline_seconds", deadlineSeconds);
  }

  private static HttpResponse<String> callback(int httpPort, String json) throws Exception {
    byte[] body = json.getBytes(UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/callbacks/ci"))
            .header("Content-Type", "application/json")
            .header(
                "X-Hub-Signature-256",
                HandOffChild.verifier().sign(HandOffChild.CI_SECRET, null, body))
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
