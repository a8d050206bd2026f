package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.internal.PortkitVersion;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.PortEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI tried as a newcomer would (issue #12): exit codes, .env, help, version, errors. */
class NewcomerCliTest {
  private static final String NL = System.lineSeparator();
  private static final Map<String, String> CREDENTIALS =
      Map.of("PORT_CLIENT_ID", "id", "PORT_CLIENT_SECRET", "s3cret-value");

  @TempDir Path dir;

  @Test
  void badPort_exits2BeforeAnythingIsOpened_withOneHintNotTheUsage() {
    Cli serve = new Cli(CREDENTIALS, dir);

    assertThat(serve.run("serve", "--port", "99999")).isEqualTo(2);
    assertThat(serve.err.text())
        .isEqualTo(
            "portkit: Invalid value for option '--port': '99999' is not a port: use 0 to 65535 (0"
                + " picks a free one)"
                + NL
                + "Try 'portkit serve --help' for more information."
                + NL);
    assertThat(dir.resolve("portkit-data")).doesNotExist(); // no journal, no allowlist
    assertThat(new Cli(Map.of(), dir).run("emulator", "--port", "99999")).isEqualTo(2);
    assertThat(new Cli(Map.of(), dir).run("demo", "--port", "-1")).isEqualTo(2);
    assertThat(new Cli(CREDENTIALS, dir).run("trigger", "a", "--timeout", "0")).isEqualTo(2);
  }

  @Test
  void badHost_exits2BeforeAnythingIsOpened() {
    Cli serve = new Cli(CREDENTIALS, dir);

    assertThat(serve.run("serve", "--host", "no such host.invalid", "--port", "0")).isEqualTo(2);
    assertThat(serve.err.text()).startsWith("portkit: --host no such host.invalid is not");
    assertThat(dir.resolve("portkit-data")).doesNotExist();
  }

  @Test
  void unknownOption_errorAndOneHint() {
    Cli cli = new Cli(Map.of(), dir);

    assertThat(cli.run("trigger", "a", "--bogus")).isEqualTo(2);
    assertThat(cli.err.text().split(NL))
        .containsExactly(
            "portkit: Unknown option: '--bogus'",
            "Try 'portkit trigger --help' for more information.");
    assertThat(cli.out.text()).isEmpty();
  }

  @Test
  void badRegion_isAnErrorEvenWhenAnApiUrlIsSet() {
    Map<String, String> env =
        Map.of(
            "PORT_CLIENT_ID",
            "id",
            "PORT_CLIENT_SECRET",
            "s",
            "PORT_API_URL",
            "http://127.0.0.1:1",
            "PORT_REGION",
            "mars");
    Cli cli = new Cli(env, dir);

    assertThat(cli.run("run", "r_1")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo("portkit: PORT_REGION (--region) must be eu or us, got mars" + NL);
  }

  @Test
  void envFile_missingWhenNamed_isAnError() {
    Cli cli = new Cli(Map.of(), dir);

    assertThat(cli.run("--env-file", "nope.env", "run", "r_1")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: --env-file "
                + dir.resolve("nope.env")
                + ": no such file; give the path of a .env file, relative to the working"
                + " directory"
                + NL);
  }

  @Test
  void envFile_syntaxErrorNamesTheLineNotItsContent() throws Exception {
    Files.writeString(
        dir.resolve(".env"), "# mine\nPORT_CLIENT_ID=id\nPORT_CLIENT_SECRET s3cret\n");
    Cli cli = new Cli(Map.of(), dir);

    assertThat(cli.run("run", "r_1")).isEqualTo(2);
    assertThat(cli.err.text())
        .isEqualTo(
            "portkit: cannot read "
                + dir.resolve(".env")
                + ", line 3: expected NAME=value, export NAME=value or a # comment"
                + NL)
        .doesNotContain("s3cret");
  }

  @Test
  void envFile_unterminatedQuoteReportedAtItsLine() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT_CLIENT_ID=id\n\nPORT_CLIENT_SECRET=\"s3cret\n");
    Cli cli = new Cli(Map.of(), dir);

    assertThat(cli.run("run", "r_1")).isEqualTo(2);
    assertThat(cli.err.text())
        .contains(", line 3: the value of PORT_CLIENT_SECRET opens a double quote that is not")
        .doesNotContain("s3cret");
  }

  @Test
  void envFile_exportLinesQuotesAndCommentsAccepted_afterTheCommandToo() throws Exception {
    try (PortEmulator emulator = PortEmulator.start()) {
      DemoCatalog.install(emulator, java.net.URI.create("http://127.0.0.1:9/"));
      String runId =
          emulator.createRun(DemoCatalog.PROVISION_ENVIRONMENT, EmulatorFixtures.json("{}")).id();
      Files.writeString(
          dir.resolve("dev.env"),
          "export PORT_API_URL="
              + emulator.baseUri()
              + "   # the emulator\n"
              + "export PORT_CLIENT_ID='"
              + emulator.clientId()
              + "'\n"
              + "PORT_CLIENT_SECRET=\""
              + emulator.clientSecret()
              + "\"\n");
      Cli cli = new Cli(Map.of(), dir);

      // --env-file after the command, as a newcomer types it.
      int code = cli.run("run", runId, "--env-file", "dev.env");

      assertThat(code).as(cli.all()).isEqualTo(0);
      assertThat(cli.out.text()).startsWith("Run " + runId);
    }
  }

  @Test
  void version_isTheBuildsAndHelpCommandWorks() {
    Cli version = new Cli(Map.of(), dir);
    assertThat(version.run("--version")).isZero();
    assertThat(version.out.text()).startsWith("portkit " + PortkitVersion.get() + " (Java ");
    assertThat(PortkitVersion.get()).isNotBlank().isNotEqualTo("unknown");

    Cli help = new Cli(Map.of(), dir);
    assertThat(help.run("help", "demo")).isZero();
    assertThat(help.out.text()).startsWith("Usage: portkit demo");
  }

  @Test
  void help_neverWrapsADefaultInTheMiddle() {
    for (String command : List.of("demo", "serve", "simulate", "run", "trigger", "emulator")) {
      Cli help = new Cli(Map.of(), dir);
      assertThat(help.run(command, "--help")).isZero();
      for (String line : help.out.text().split(NL)) {
        if (line.contains("(default")) {
          assertThat(line.substring(line.indexOf("(default")))
              .as("%s --help: %s", command, line)
              .contains(")");
        }
      }
    }
  }

  @Test
  void emulatorWithDemoCatalog_printsEnvLinesServeReads() throws Exception {
    Cli emulator = new Cli(Map.of(), dir);

    var running =
        emulator.start("emulator", "--catalog", "demo", "--webhook-url", "http://127.0.0.1:8123/");
    emulator.out.await("Press Ctrl-C to stop\\.", java.time.Duration.ofSeconds(30));

    assertThat(emulator.out.text())
        .containsPattern("(?m)^PORT_API_URL=http://127\\.0\\.0\\.1:\\d+$")
        .containsPattern("(?m)^PORT_CLIENT_ID=\\S+$")
        .containsPattern("(?m)^PORT_CLIENT_SECRET=\\S+$")
        .doesNotContain("PORT_BASE_URL")
        .contains("actions " + DemoCatalog.ACTIONS + ", webhooks to http://127.0.0.1:8123/")
        .contains("serve --tunnel none --port 8123");
    assertThat(emulator.stop(running)).isZero();
  }
}
