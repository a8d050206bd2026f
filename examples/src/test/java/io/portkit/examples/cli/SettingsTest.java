package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void load_envFileSetsSameVariable_envFileWins() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT_CLIENT_ID=from-file\nPORT_REGION=us\n");

    Settings settings =
        Settings.load(
            Map.of("PORT_CLIENT_ID", "from-env", "PORT_API_URL", "https://x.example"),
            dir.resolve(".env"));

    assertThat(settings.get("PORT_CLIENT_ID")).contains("from-file");
    assertThat(settings.get("PORT_API_URL")).contains("https://x.example");
    assertThat(settings.get("PORT_REGION")).contains("us");
  }

  @Test
  void require_flagGiven_flagWinsOverEnvFileAndEnvironment() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT_CLIENT_ID=from-file\n");
    Settings settings = Settings.load(Map.of("PORT_CLIENT_ID", "from-env"), dir.resolve(".env"));

    assertThat(settings.require("PORT_CLIENT_ID", "--client-id", "from-flag"))
        .isEqualTo("from-flag");
    assertThat(settings.require("PORT_CLIENT_ID", "--client-id", null)).isEqualTo("from-file");
  }

  @Test
  void load_noEnvFile_usesEnvironmentOnly() {
    Settings settings = Settings.load(Map.of("PORT_CLIENT_ID", "from-env"), dir.resolve(".env"));

    assertThat(settings.get("PORT_CLIENT_ID")).contains("from-env");
  }

  @Test
  void require_blankEverywhere_throwsNamingVariableAndFlag() {
    Settings settings = Settings.of(Map.of("PORT_CLIENT_ID", "  "));

    assertThatThrownBy(() -> settings.require("PORT_CLIENT_ID", "--client-id", ""))
        .isInstanceOf(MissingSettingException.class)
        .hasMessage(
            "missing setting PORT_CLIENT_ID: set it in the environment or in .env,"
                + " or pass --client-id");
  }

  @Test
  void load_malformedEnvFile_throwsWithoutQuotingTheLine() throws Exception {
    Files.writeString(dir.resolve(".env"), "PORT_CLIENT_SECRET s3cret-without-equals\n");

    assertThatThrownBy(() -> Settings.load(Map.of(), dir.resolve(".env")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot read "
                + dir.resolve(".env")
                + ", line 1: expected NAME=value, export NAME=value or a # comment")
        .hasNoCause();
  }

  @Test
  void toString_neverShowsValues() {
    assertThat(Settings.of(Map.of("PORT_CLIENT_SECRET", "s3cret")).toString())
        .doesNotContain("s3cret");
  }
}
