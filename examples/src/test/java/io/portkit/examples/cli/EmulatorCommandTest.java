package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmulatorCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void emulator_noCredentials_printsUrlAndGeneratedPairThenStops() throws Exception {
    Cli cli = new Cli(Map.of(), dir);

    var running = cli.start("emulator", "--port", "0");
    String url = cli.out.await("Port emulator listening on (http://127\\.0\\.0\\.1:\\d+)", WAIT);
    String id = cli.out.await("PORT_CLIENT_ID=(\\S+)", WAIT);
    String secret = cli.out.await("PORT_CLIENT_SECRET=(\\S+)", WAIT);
    cli.out.await("Press Ctrl-C to stop\\.", WAIT);

    // The printed pair works: the run command authenticates with it.
    Cli user =
        new Cli(
            Map.of("PORT_API_URL", url, "PORT_CLIENT_ID", id, "PORT_CLIENT_SECRET", secret), dir);
    assertThat(user.run("run", "r_doesnotexist0000")).isEqualTo(1);
    assertThat(user.err.text()).contains("404");
    assertThat(cli.out.text()).contains("PORT_API_URL=" + url);
    assertThat(cli.stop(running)).isEqualTo(0);
  }

  @Test
  @Timeout(60)
  void emulator_credentialsInEnv_acceptsThemAndNeverPrintsTheSecret() throws Exception {
    Cli cli =
        new Cli(Map.of("PORT_CLIENT_ID", "my-id", "PORT_CLIENT_SECRET", "my-s3cret-value"), dir);

    var running = cli.start("emulator");
    cli.out.await("Press Ctrl-C to stop\\.", WAIT);

    assertThat(cli.stop(running)).isEqualTo(0);
    assertThat(cli.out.text()).contains("client id my-id");
    assertThat(cli.all()).doesNotContain("my-s3cret-value");
  }

  @Test
  void emulator_badTokenLifetime_exits2() {
    Cli cli = new Cli(Map.of(), dir);

    assertThat(cli.run("emulator", "--token-lifetime", "forever")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: --token-lifetime must be an ISO-8601 duration"
                + " (PT3H) or a number with s, m or h (90m), got \"forever\""
                + System.lineSeparator());
  }
}
