package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortkitCliTest {
  @TempDir Path dir;

  @Test
  void run_noClientId_printsOneLineNamingVariableAndFlagAndExits2() {
    Cli cli = new Cli(Map.of(), dir);

    int code = cli.run("run", "r_1");

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: missing setting PORT_CLIENT_ID: set it in the"
                + " environment or in .env, or pass --client-id"
                + System.lineSeparator());
    assertThat(cli.out.text()).isEmpty();
  }

  @Test
  void trigger_noClientSecret_namesTheVariableOnlyAndExits2() {
    Cli cli = new Cli(Map.of("PORT_CLIENT_ID", "id"), dir);

    int code = cli.run("trigger", "provision_environment");

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: missing setting PORT_CLIENT_SECRET: set it in"
                + " the environment or in .env"
                + System.lineSeparator());
  }

  @Test
  void serve_ngrokWithoutAuthtoken_namesNgrokAuthtokenAndExits2() {
    Cli cli = new Cli(Map.of("PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "s3cret"), dir);

    int code = cli.run("serve", "--tunnel", "ngrok", "--port", "0");

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: missing setting NGROK_AUTHTOKEN: set it in the"
                + " environment or in .env"
                + System.lineSeparator());
  }

  @Test
  void run_badRegion_exits2NamingAcceptedValues() {
    Cli cli =
        new Cli(
            Map.of("PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "s3cret", "PORT_REGION", "mars"),
            dir);

    assertThat(cli.run("run", "r_1")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: PORT_REGION (--region) must be eu or us, got mars" + System.lineSeparator());
  }

  @Test
  void serve_badPublicUrl_exits2() {
    Cli cli = new Cli(Map.of("PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "s3cret"), dir);

    assertThat(cli.run("serve", "--tunnel", "none", "--public-url", "not a url")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: --public-url must be an absolute http(s) URL"
                + " with a host, for example https://port-backend.example.com, got not a url"
                + System.lineSeparator());
  }

  @Test
  void badFlags_unknownOptionBadNumberBadEnum_exit2() {
    assertThat(new Cli(Map.of(), dir).run("--bogus")).isEqualTo(2);
    assertThat(new Cli(Map.of(), dir).run("serve", "--port", "eighty")).isEqualTo(2);
    Cli cli = new Cli(Map.of(), dir);
    assertThat(cli.run("serve", "--tunnel", "carrier-pigeon")).isEqualTo(2);
    assertThat(cli.err.text()).contains("--tunnel").contains("carrier-pigeon");
    assertThat(new Cli(Map.of(), dir).run("trigger")).isEqualTo(2);
    assertThat(new Cli(Map.of(), dir).run("nosuchcommand")).isEqualTo(2);
  }

  @Test
  void trigger_badInput_exits2() {
    Cli cli = new Cli(Map.of("PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "s3cret"), dir);

    assertThat(cli.run("trigger", "a", "--input", "novalue")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo("portkit: --input must be KEY=VALUE, got novalue" + System.lineSeparator());
  }

  @Test
  void malformedEnvFile_exits2WithoutPrintingTheLine() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT_CLIENT_SECRET s3cret-value\n");
    Cli cli = new Cli(Map.of(), dir);

    assertThat(cli.run("run", "r_1")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: cannot read "
                + dir.resolve(".env")
                + ", line 1: expected NAME=value, export NAME=value or a # comment"
                + System.lineSeparator());
  }

  @Test
  void precedence_envThenEnvFileThenFlags_flagsWin() throws Exception {
    try (PortEmulator emulator = PortEmulator.start()) {
      DemoCatalog.install(emulator, URI.create("http://127.0.0.1:9/"));
      String runId =
          emulator.createRun(DemoCatalog.PROVISION_ENVIRONMENT, EmulatorFixtures.json("{}")).id();
      // The environment is wrong on both counts; .env fixes both.
      Files.writeString(
          dir.resolve(".env"),
          "PORT_API_URL="
              + emulator.baseUri()
              + "\n"
              + "PORT_CLIENT_ID="
              + emulator.clientId()
              + "\n");
      Map<String, String> env =
          Map.of(
              "PORT_API_URL",
              "http://127.0.0.1:1",
              "PORT_CLIENT_ID",
              "wrong-id",
              "PORT_CLIENT_SECRET",
              emulator.clientSecret());

      Cli fromEnvFile = new Cli(env, dir);
      assertThat(fromEnvFile.run("run", runId)).isEqualTo(0);
      assertThat(fromEnvFile.out.text()).startsWith("Run " + runId);

      Cli flagWins = new Cli(env, dir);
      assertThat(flagWins.run("run", runId, "--client-id", "wrong-id")).isEqualTo(1);
      assertThat(flagWins.err.text()).startsWith("portkit: ");

      Cli otherEnvFile = new Cli(env, dir);
      Files.writeString(dir.resolve("other.env"), "PORT_CLIENT_ID=wrong-again\n");
      assertThat(otherEnvFile.run("--env-file", "other.env", "run", runId)).isEqualTo(1);
      assertThat(fromEnvFile.all() + flagWins.all() + otherEnvFile.all())
          .doesNotContain(emulator.clientSecret());
    }
  }
}
