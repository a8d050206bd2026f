package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.PortEmulator;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve checks the credentials at start; trigger --wait shows the run's timeline and names a Port
 * it cannot reach; and the offline path from the demo to serve, through the standalone emulator
 * with the demo catalog (issue #12).
 */
class ServeAndTriggerTimelineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NL = System.lineSeparator();

  @TempDir Path dir;
  private final PortEmulator emulator = PortEmulator.start();

  @AfterEach
  void close() {
    emulator.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = EmulatorFixtures.env(emulator);
    env.put("PORTKIT_MASKING_KEY", "a-test-masking-key-long-enough");
    return env;
  }

  @Test
  void serve_wrongSecret_exits1AtStartNamingTheApiBeforeListening() {
    Map<String, String> env = env();
    env.put("PORT_CLIENT_SECRET", "not-the-secret");
    Cli serve = new Cli(env, dir);

    assertThat(serve.run("serve", "--tunnel", "none", "--port", "0")).isEqualTo(1);
    assertThat(serve.out.text())
        .isEqualTo(
            "Port API: " + emulator.baseUri() + " (client id " + emulator.clientId() + ")" + NL);
    assertThat(serve.err.text())
        .startsWith(
            "portkit: Port at "
                + emulator.baseUri()
                + " refused the credentials of client id "
                + emulator.clientId()
                + " (HTTP 401): check PORT_CLIENT_ID and PORT_CLIENT_SECRET")
        .doesNotContain("not-the-secret");
    assertThat(dir.resolve("portkit-data")).doesNotExist();
  }

  @Test
  void trigger_portNotRunning_oneLineNamingTheUrlAndAskingWhatToStart() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Map<String, String> env = env();
    env.put("PORT_API_URL", "http://127.0.0.1:" + closed);
    Cli trigger = new Cli(env, dir);

    assertThat(trigger.run("trigger", DemoCatalog.PROVISION_ENVIRONMENT, "--wait")).isEqualTo(1);
    assertThat(trigger.err.text())
        .isEqualTo(
            "portkit: cannot reach Port at http://127.0.0.1:"
                + closed
                + " (connection refused): is the demo, the emulator or the backend's Port running"
                + " there? Check PORT_API_URL (or --api-url)"
                + NL);
  }

  @Test
  @Timeout(60)
  void triggerWait_showsLogsLabelsLinksThenTheFinalStatusAndWhereToSeeIt() throws Exception {
    Cli serve = new Cli(env(), dir);
    CompletableFuture<Integer> running =
        serve.start("serve", "--tunnel", "none", "--port", "0", "--speed", "fast");
    URI url = URI.create(serve.out.await("Receiving Port webhooks at (\\S+)", WAIT));
    DemoCatalog.install(emulator, url);

    Cli trigger = new Cli(env(), dir);
    int code =
        trigger.run(
            "trigger",
            DemoCatalog.PROVISION_ENVIRONMENT,
            "--input",
            "name=dev",
            "--wait",
            "--poll",
            "5");

    assertThat(code).as(trigger.all()).isZero();
    String runId = trigger.out.await("Created run (r_\\w{16})", WAIT);
    assertThat(trigger.out.text())
        .contains("  [" + runId + "] log      Validating the request for ")
        // The last label: a poll sees it with the final status. Earlier ones live a few
        // milliseconds at --speed fast (each rides on its next log line), so a poll may miss them.
        .contains("  [" + runId + "] label    Update ")
        .contains("  [" + runId + "] link     https://console.example.com/resources/")
        .contains("  [" + runId + "] SUCCESS  Provisioned ")
        .contains("  [" + runId + "] see      " + emulator.baseUri() + "/v1/actions/runs/" + runId);
    assertThat(serve.out.text())
        .contains("Port API: " + emulator.baseUri())
        .contains("Credentials accepted");
    assertThat(serve.stop(running)).isZero();
    assertThat(serve.out.text()).contains("Stopping: receiver, runs in flight." + NL);
  }

  @Test
  @Timeout(60)
  void triggerWait_nothingMoves_printsAWaitingLineThenTimesOut() throws Exception {
    Cli serve = new Cli(env(), dir);
    CompletableFuture<Integer> running = serve.start("serve", "--tunnel", "none", "--port", "0");
    URI url = URI.create(serve.out.await("Receiving Port webhooks at (\\S+)", WAIT));
    DemoCatalog.install(emulator, url.resolve("manual")); // acknowledged, never run

    Cli trigger = new Cli(env(), dir);
    // The test's pause does not sleep: 120 polls of a nominal 100 ms are 12 s of run time.
    int code =
        trigger.run(
            "trigger",
            DemoCatalog.PROVISION_ENVIRONMENT,
            "--wait",
            "--poll",
            "100",
            "--timeout",
            "12");

    assertThat(code).isEqualTo(1);
    assertThat(trigger.out.text())
        .containsPattern("\\] waiting  IN_PROGRESS, nothing new for 10 s")
        .containsPattern("\\] timeout  still running after 12 s: ");
    serve.stop(running);
  }

  @Test
  @Timeout(90)
  void offlinePath_emulatorWithDemoCatalog_thenServeFromItsEnvLines_thenTrigger() throws Exception {
    emulator.close(); // this test starts its own, as a newcomer would
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli standalone = new Cli(Map.of(), dir);
    CompletableFuture<Integer> emulated =
        standalone.start(
            "emulator", "--catalog", "demo", "--webhook-url", "http://127.0.0.1:" + port + "/");
    standalone.out.await("Press Ctrl-C to stop\\.", WAIT);
    StringBuilder dotEnv = new StringBuilder();
    for (String line : standalone.out.text().split(NL)) {
      if (line.startsWith("PORT_")) {
        dotEnv.append(line).append('\n'); // pasted into .env, as printed
      }
    }
    Files.writeString(dir.resolve(".env"), dotEnv);

    Map<String, String> none = new HashMap<>();
    Cli serve = new Cli(none, dir);
    CompletableFuture<Integer> serving =
        serve.start(
            "serve", "--tunnel", "none", "--port", Integer.toString(port), "--speed", "fast");
    serve.out.await("Press Ctrl-C to stop\\.", WAIT);
    Cli trigger = new Cli(none, dir);
    int code =
        trigger.run(
            "trigger",
            DemoCatalog.GRANT_TEMPORARY_ACCESS,
            "--input",
            "ip=198.51.100.4",
            "--input",
            "duration_minutes=5",
            "--wait",
            "--poll",
            "5");

    assertThat(code).as(trigger.all() + serve.all()).isZero();
    assertThat(trigger.out.text()).contains("SUCCESS  Access for 198.51.100.4 granted until ");
    assertThat(serve.stop(serving)).isZero();
    assertThat(standalone.stop(emulated)).isZero();
  }
}
