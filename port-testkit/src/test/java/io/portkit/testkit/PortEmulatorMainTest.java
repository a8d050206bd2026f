package io.portkit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortEmulatorMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void start_noEnvCredentials_printsGeneratedPairAndServes() {
    try (PortEmulator port =
        PortEmulatorMain.start(
            new String[] {"--port", "0", "--token-lifetime", "90m"},
            Map.of(),
            new PrintStream(out, true, UTF_8))) {
      String printed = out.toString(UTF_8);

      assertThat(printed)
          .contains("Port emulator listening on " + port.baseUri())
          .contains("PORT_CLIENT_ID=" + port.clientId())
          .contains("PORT_CLIENT_SECRET=" + port.clientSecret());
      assertThat(Http.json(new Http(port).tokenResponse()).get("expiresIn").asLong())
          .isBetween(5398L, 5400L); // system clock: JWT seconds truncate
    }
  }

  @Test
  void start_envCredentials_usesThemWithoutPrintingSecret() {
    Map<String, String> env =
        Map.of("PORT_CLIENT_ID", "my-id", "PORT_CLIENT_SECRET", "my-very-secret");
    try (PortEmulator port =
        PortEmulatorMain.start(new String[0], env, new PrintStream(out, true, UTF_8))) {
      assertThat(port.clientId()).isEqualTo("my-id");
      assertThat(out.toString(UTF_8))
          .doesNotContain("my-very-secret")
          .contains("Using credentials from PORT_CLIENT_ID / PORT_CLIENT_SECRET (client id my-id)");
      assertThat(new Http(port).tokenResponse().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void start_unknownArgument_throwsNamingIt() {
    assertThatThrownBy(
            () ->
                PortEmulatorMain.start(new String[] {"--verbose"}, Map.of(), new PrintStream(out)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown argument --verbose; expected --port or --token-lifetime");
  }

  @Test
  void parseDuration_formats_parse() {
    assertThat(PortEmulatorMain.parseDuration("PT3H")).isEqualTo(Duration.ofHours(3));
    assertThat(PortEmulatorMain.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> PortEmulatorMain.parseDuration("soon"))
        .hasMessage(
            "--token-lifetime must be an ISO-8601 duration (PT3H) or a number with s, m or h (90m), got \"soon\"");
  }
}
