package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void demoOnce_fastSpeed_everyRunEndsAsExpectedAndExits0() throws Exception {
    Cli cli = new Cli(Map.of("PORTKIT_MASKING_KEY", "a-test-masking-key-long-enough"), dir);

    int code = cli.run("demo", "--once", "--speed", "fast");

    String out = cli.out.text();
    assertThat(code).as(cli.all()).isEqualTo(0);
    assertThat(out)
        .containsPattern("r_\\w{16} +provision_environment +SUCCESS +SUCCESS +yes")
        .containsPattern("r_\\w{16} +grant_temporary_access +SUCCESS +SUCCESS +yes")
        .containsPattern("r_\\w{16} +create_anonymized_db_copy +SUCCESS +SUCCESS +yes")
        .containsPattern("r_\\w{16} +grant_temporary_access +FAILURE +FAILURE +yes")
        .containsPattern("r_\\w{16} +run_ci_pipeline +SUCCESS +SUCCESS +yes")
        .containsPattern("r_\\w{16} +run_ci_pipeline +FAILURE +FAILURE +yes")
        .containsPattern("handoff +ci-\\d+ to the CI's signed callback to /callbacks/ci")
        .containsPattern("SUCCESS +CI job ci-\\d+ passed")
        .containsPattern("FAILURE +no completion came from the CI's signed callback")
        .containsPattern("r_\\w{16} +revoke_temporary_access +SUCCESS +SUCCESS +yes")
        .containsPattern(
            "> revoke_temporary_access: the clock jumps \\d+ min \\d+ s, past the expiry of"
                + " 203\\.0\\.113\\.7")
        .containsPattern(
            "\\] log +Removed 203\\.0\\.113\\.7 from allowlist\\.conf: its timer expired")
        .containsPattern("\\] deleted +temporary_access/access_203-0-113-7_r_")
        .containsPattern("\\] SUCCESS +Access for 203\\.0\\.113\\.7 revoked")
        .contains("FAILURE  Access not granted: '999.1.1.1' is not a valid IPv4 address")
        .contains("entity   temporary_access/access_203-0-113-7_r_")
        .contains("entity   db_snapshot/snapshot_r_")
        .endsWith("All runs ended as expected." + System.lineSeparator());
    // Granted, then revoked by the automation when the demo moved the clock past its expiry.
    assertThat(Files.readString(dir.resolve("portkit-data/allowlist.conf")))
        .doesNotContain("203.0.113.7")
        .contains("deny all;");
    assertThat(Files.readString(dir.resolve("portkit-data/allowlist.conf.state.json")))
        .doesNotContain("203.0.113.7");
  }

  @Test
  @Timeout(120)
  void demo_notOnce_keepsServingUntilStoppedAndNeverPrintsTheSecret() throws Exception {
    Cli cli = new Cli(Map.of(), dir);

    var running = cli.start("demo");
    cli.out.await("Press Ctrl-C to stop\\.", java.time.Duration.ofSeconds(90));
    String envFile = Files.readString(dir.resolve("portkit-data/demo.env"));
    String secret =
        envFile
            .lines()
            .filter(l -> l.startsWith("PORT_CLIENT_SECRET="))
            .findFirst()
            .orElseThrow()
            .substring("PORT_CLIENT_SECRET=".length());

    assertThat(cli.stop(running)).isEqualTo(0);
    assertThat(cli.out.text())
        .contains("--env-file portkit-data/demo.env trigger")
        .contains("Stopping: receiver, runs in flight, emulator.");
    assertThat(cli.all()).doesNotContain(secret);
  }
}
