package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DotEnvFileTest {
  @Test
  void parse_dotenvStyle_valuesAsAShellWouldSetThem() {
    assertThat(
            DotEnvFile.parse(
                List.of(
                    "\uFEFF# a comment",
                    "",
                    "A=plain",
                    "export B=exported",
                    "C = spaced  # trailing comment",
                    "D='single # not a comment'",
                    "E=\"double \\\"quoted\\\"\\nline\"  # ok",
                    "F=",
                    "G=url#fragment",
                    "A=later wins")))
        .containsExactly(
            java.util.Map.entry("A", "later wins"),
            java.util.Map.entry("B", "exported"),
            java.util.Map.entry("C", "spaced"),
            java.util.Map.entry("D", "single # not a comment"),
            java.util.Map.entry("E", "double \"quoted\"\nline"),
            java.util.Map.entry("F", ""),
            java.util.Map.entry("G", "url#fragment"));
  }

  @Test
  void parse_badLines_nameTheLineAndNeverTheValue() {
    assertThatThrownBy(() -> DotEnvFile.parse(List.of("A=1", "SECRET s3cret")))
        .hasMessage("line 2: expected NAME=value, export NAME=value or a # comment");
    assertThatThrownBy(() -> DotEnvFile.parse(List.of("1A=x")))
        .hasMessage(
            "line 1: the name before '=' must be letters, digits and _ and not start with a digit");
    assertThatThrownBy(() -> DotEnvFile.parse(List.of("", "", "S='s3cret")))
        .hasMessage("line 3: the value of S opens a single quote that is not closed on that line");
    assertThatThrownBy(() -> DotEnvFile.parse(List.of("S=\"s3cret\" extra")))
        .hasMessage("line 1: after the quoted value of S only a # comment may follow")
        .hasMessageNotContaining("s3cret");
  }
}
