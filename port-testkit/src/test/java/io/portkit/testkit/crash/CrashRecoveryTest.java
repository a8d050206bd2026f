package io.portkit.testkit.crash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.invocation.Signer;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a backend JVM with SIGKILL while runs are in flight, starts a new one on the same journal,
 * and checks every run ends in the emulator: the plain handler's FAILURE "backend restarted", the
 * resumable handler's run done again, and a replay refused as a duplicate.
 */
class CrashRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path journal;

  @Test
  void sigkillMidRun_restartOnSameJournal_leavesNoRunInProgress() throws Exception {
    try (PortEmulator port = PortEmulator.start()) {
      String slow;
      String resume;
      try (ChildBackend first = ChildBackend.start(port, journal, "block")) {
        int httpPort = first.awaitListening(WAIT);
        port.defineAction(action("slow", httpPort));
        port.defineAction(action("resume", httpPort));
        slow = port.trigger("slow", JsonNodeFactory.instance.objectNode()).id();
        resume = port.trigger("resume", JsonNodeFactory.instance.objectNode()).id();
        first.awaitRunning(slow, WAIT);
        first.awaitRunning(resume, WAIT);
        port.awaitDelivery(slow, WAIT);
        port.awaitDelivery(resume, WAIT);

        first.kill(WAIT);
      }
      assertThat(port.run(slow).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
      assertThat(port.run(resume).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);

      try (ChildBackend second = ChildBackend.start(port, journal, "finish")) {
        int httpPort = second.awaitListening(WAIT);

        EmulatedRun failed = port.awaitFinalStatus(slow, WAIT);
        EmulatedRun resumed = port.awaitFinalStatus(resume, WAIT);
        second.awaitRunning(resume, WAIT);

        assertThat(failed.status()).isEqualTo(RunStatus.FAILURE);
        assertThat(failed.statusLabel()).isEqualTo("backend restarted");
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(resumed.logs())
            .extracting(RunLogEntry::message)
            .containsExactly("done by the second process");
        assertThat(port.runs())
            .extracting(EmulatedRun::status)
            .doesNotContain(RunStatus.IN_PROGRESS);

        HttpResponse<String> replay = replay(port, httpPort, slow, "slow");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"duplicate\"");
      }
    }
  }

  private static Action action(String id, int httpPort) {
    return Action.builder(id)
        .title(id)
        .invocationMethod(
            InvocationMethod.webhook(URI.create("http://127.0.0.1:" + httpPort + "/")))
        .build();
  }

  /** Sends the run's webhook again, signed, straight to the backend. */
  private static HttpResponse<String> replay(
      PortEmulator port, int httpPort, String runId, String action)
      throws IOException, InterruptedException {
    String body = "{\"port_context\":{\"runId\":\"" + runId + "\",\"action\":\"" + action + "\"}}";
    long now = Instant.now().getEpochSecond();
    String signature = Signer.withSecret(port.clientSecret()).sign(now, body.getBytes(UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
            .header("Content-Type", "application/json")
            .header("x-port-timestamp", Long.toString(now))
            .header("x-port-signature", signature)
            .timeout(WAIT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
