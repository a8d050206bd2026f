package io.portkit.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
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
        .hasMessage(
            "unknown argument --verbose; expected --port, --token-lifetime or --rate-limit");
  }

  @Test
  void parseDuration_formats_parse() {
    assertThat(PortEmulatorMain.parseDuration("PT3H")).isEqualTo(Duration.ofHours(3));
    assertThat(PortEmulatorMain.parseDuration("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThatThrownBy(() -> PortEmulatorMain.parseDuration("soon"))
        .hasMessage(
            "--token-lifetime must be an ISO-8601 duration (PT3H) or a number with s, m or h (90m), got \"soon\"");
  }

  @Test
  void start_rateLimit_answers429PastTheBudget_andSaysSo() {
    try (PortEmulator port =
        PortEmulatorMain.start(
            new String[] {"--port", "0", "--rate-limit", "2/1m"},
            Map.of(),
            new PrintStream(out, true, UTF_8))) {
      Http http = new Http(port);
      String token = http.token(); // the token route has a budget of its own
      int first = http.send("GET", "/v1/blueprints", null, token).statusCode();
      int second = http.send("GET", "/v1/blueprints", null, token).statusCode();
      int third = http.send("GET", "/v1/blueprints", null, token).statusCode();

      assertThat(out.toString(UTF_8)).contains("Rate limit: 2 calls per 1m");
      assertThat(List.of(first, second, third)).containsExactly(200, 200, 429);
    }
  }

  @Test
  void parseRateLimit_badValues_nameTheFormExpected() {
    assertThat(PortEmulatorMain.parseRateLimit("100/1m").calls()).isEqualTo(100);
    assertThat(PortEmulatorMain.parseRateLimit("100/1m").period()).isEqualTo(Duration.ofMinutes(1));
    for (String bad :
        List.of("100", "/1m", "100/", "0/1m", "x/1m", "10/soon", "-3/1m", "5/PT0.5S")) {
      assertThatThrownBy(() -> PortEmulatorMain.parseRateLimit(bad))
          .as(bad)
          .hasMessageStartingWith("--rate-limit must be CALLS/PERIOD")
          .hasMessageEndingWith("got \"" + bad + "\"");
    }
  }
}
