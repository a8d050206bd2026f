package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.RunStatus;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** serve, trigger --wait, run and simulate against an in-process emulator. */
class ServeCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

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

  private URI startServe(Cli serve, String... extra) throws Exception {
    String[] args = new String[5 + extra.length];
    System.arraycopy(new String[] {"serve", "--tunnel", "none", "--port", "0"}, 0, args, 0, 5);
    System.arraycopy(extra, 0, args, 5, extra.length);
    running = serve.start(args);
    return URI.create(serve.out.await("Receiving Port webhooks at (\\S+)", WAIT));
  }

  private CompletableFuture<Integer> running;

  @Test
  @Timeout(60)
  void serveAndTriggerWait_scenarioRun_followsItToSuccess() throws Exception {
    Cli serve = new Cli(env(), dir);
    URI url = startServe(serve, "--speed", "fast");
    DemoCatalog.install(emulator, url);

    Cli trigger = new Cli(env(), dir);
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
            "5",
            "--timeout",
            "20");

    assertThat(code).as(trigger.all()).isEqualTo(0);
    assertThat(trigger.out.text())
        .containsPattern("Created run r_\\w{16} of grant_temporary_access")
        .contains("SUCCESS  Access for 198.51.100.4 granted until ");
    assertThat(serve.out.text())
        .contains("\"url\" : \"" + url + "\"")
        .contains("\"runId\" : \"{{ .run.id }}\"")
        .contains("/manual");
    assertThat(serve.stop(running)).isEqualTo(0);
    assertThat(serve.all() + trigger.all()).doesNotContain(emulator.clientSecret());
  }

  @Test
  @Timeout(60)
  void triggerWait_runFails_exits1WithTheSummary() throws Exception {
    Cli serve = new Cli(env(), dir);
    DemoCatalog.install(emulator, startServe(serve));

    Cli trigger = new Cli(env(), dir);
    int code =
        trigger.run(
            "trigger",
            DemoCatalog.GRANT_TEMPORARY_ACCESS,
            "--input",
            "ip=10.0.0.300",
            "--wait",
            "--poll",
            "5",
            "--timeout",
            "20");

    assertThat(code).isEqualTo(1);
    assertThat(trigger.out.text()).contains("FAILURE  Access not granted: ");
    serve.stop(running);
  }

  @Test
  @Timeout(60)
  void serveNoop_anyAction_succeedsAtOnce() throws Exception {
    Cli serve = new Cli(env(), dir);
    DemoCatalog.install(emulator, startServe(serve, "--handler", "noop"));

    Cli trigger = new Cli(env(), dir);
    assertThat(
            trigger.run(
                "trigger",
                DemoCatalog.CREATE_ANONYMIZED_DB_COPY,
                "--wait",
                "--poll",
                "5",
                "--timeout",
                "20"))
        .isEqualTo(0);
    assertThat(trigger.out.text()).contains("SUCCESS  Received by portkit (noop handler)");
    serve.stop(running);
  }

  @Test
  @Timeout(60)
  void manualThenSimulate_runIsAcknowledgedThenFinishedByHand() throws Exception {
    Cli serve = new Cli(env(), dir);
    URI url = startServe(serve);
    DemoCatalog.install(emulator, url.resolve("manual"));
    Cli trigger = new Cli(env(), dir);
    assertThat(trigger.run("trigger", DemoCatalog.PROVISION_ENVIRONMENT, "--input", "name=dev"))
        .isEqualTo(0);
    String runId = trigger.out.await("Created run (r_\\w{16})", WAIT);
    emulator.awaitDelivery(runId, WAIT);
    assertThat(emulator.run(runId).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);

    Cli simulate = new Cli(env(), dir);
    int code = simulate.run("simulate", runId, "--speed", "fast");

    assertThat(code).as(simulate.all()).isEqualTo(0);
    EmulatedRun run = emulator.run(runId).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(simulate.out.text()).contains("[" + runId + "] SUCCESS  Provisioned ");
    Cli again = new Cli(env(), dir);
    assertThat(again.run("simulate", runId)).isEqualTo(1);
    assertThat(again.err.text())
        .isEqualTo(
            "portkit: run "
                + runId
                + " already ended with SUCCESS:"
                + " trigger a new run and acknowledge it with POST /manual"
                + System.lineSeparator());
    serve.stop(running);
  }

  @Test
  void run_existingRun_printsRunActionAndBlueprint() throws Exception {
    DemoCatalog.install(emulator, URI.create("https://backend.example.com/"));
    String runId =
        emulator
            .createRun(
                DemoCatalog.GRANT_TEMPORARY_ACCESS,
                EmulatorFixtures.json("{\"ip\":\"203.0.113.9\"}"))
            .id();
    Cli cli = new Cli(env(), dir);

    assertThat(cli.run("run", runId)).isEqualTo(0);

    assertThat(cli.out.text())
        .startsWith("Run " + runId + System.lineSeparator())
        .contains("  status      IN_PROGRESS")
        .contains("  inputs      {\"ip\":\"203.0.113.9\"}")
        .contains("Action grant_temporary_access")
        .contains("  trigger     self-service CREATE")
        .contains("  invocation  WEBHOOK https://backend.example.com/ (async)")
        .contains("Blueprint temporary_access")
        .contains("  properties  ip, expires_at, run_id, allowlist_file");
  }

  @Test
  @Timeout(60)
  void serve_journalDirFromEnv_recordsEachRunThereAndFinishesIt() throws Exception {
    Map<String, String> env = env();
    env.put("PORTKIT_JOURNAL_DIR", "state/journal");
    Cli serve = new Cli(env, dir);
    DemoCatalog.install(emulator, startServe(serve, "--speed", "fast"));
    Cli trigger = new Cli(env(), dir);
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
            "5",
            "--timeout",
            "20");
    assertThat(code).as(trigger.all()).isEqualTo(0);
    assertThat(serve.stop(running)).isEqualTo(0);

    Matcher created = Pattern.compile("Created run (r_\\w{16})").matcher(trigger.out.text());
    assertThat(created.find()).isTrue();
    try (RunJournal journal = RunJournal.open(dir.resolve("state/journal"))) {
      assertThat(journal.contains(created.group(1))).isTrue();
      assertThat(journal.unfinished()).isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void serve_journalDirInUse_exits2NamingTheFlag() throws Exception {
    Path journalDir = dir.resolve("busy");
    try (RunJournal held = RunJournal.open(journalDir)) {
      Cli serve = new Cli(env(), dir);

      int code = serve.run("serve", "--tunnel", "none", "--port", "0", "--journal-dir", "busy");

      assertThat(code).isEqualTo(2);
      assertThat(serve.err.text())
          .isEqualTo(
              "portkit: --journal-dir / PORTKIT_JOURNAL_DIR: the"
                  + " journal in "
                  + journalDir
                  + " is in use by another process or journal: give each"
                  + " backend process its own journal directory"
                  + System.lineSeparator());
    }
  }
}
