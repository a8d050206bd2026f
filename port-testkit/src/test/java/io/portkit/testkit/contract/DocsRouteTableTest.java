package io.portkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testkit.internal.PortApiRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The route table of docs/testing-with-port-testkit.md is complete and true: one row per known
 * route of Port's API, "not emulated" exactly for those the emulator does not serve, names as in
 * the route list, and the counts in the note as they are.
 */
class DocsRouteTableTest {
  private static final Path DOC = Path.of("..", "docs", "testing-with-port-testkit.md");
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| (.+?) \\| (.+) \\|$",
          Pattern.MULTILINE);

  private static String doc() throws IOException {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  @Test
  void table_hasEveryKnownRouteOnce_markedAsTheEmulatorServesIt() throws IOException {
    Map<String, String[]> rows = new LinkedHashMap<>();
    Matcher row = ROW.matcher(doc());
    while (row.find()) {
      String key = row.group(1) + " " + row.group(2);
      assertThat(rows.put(key, new String[] {row.group(3), row.group(4)}))
          .as("row %s twice", key)
          .isNull();
    }
    Set<String> served = ServedRoutes.keys();

    assertThat(rows.keySet())
        .containsExactlyInAnyOrderElementsOf(
            PortApiRoutes.all().stream().map(PortApiRoutes.PortRoute::key).toList());
    for (PortApiRoutes.PortRoute route : PortApiRoutes.all()) {
      String[] cells = rows.get(route.key());
      assertThat(cells[0]).as("name of %s", route.key()).isEqualTo(route.name());
      if (served.contains(route.key())) {
        assertThat(cells[1]).as("%s is served", route.key()).matches("^(faithful|differences: ).*");
      } else {
        assertThat(cells[1]).as("%s is not served", route.key()).isEqualTo("not emulated (501)");
      }
    }
  }

  @Test
  void note_statesTheCountsAsTheyAre() throws IOException {
    int served = ServedRoutes.keys().size();
    String expected =
        "knows the **" + PortApiRoutes.all().size() + "** routes of Port's API listed below";

    assertThat(doc()).contains(expected);
    assertThat(doc().replaceAll("\\s+", " "))
        .contains(
            "It serves **"
                + served
                + "** of them, and all **"
                + ContractCoverageTest.covered().size()
                + "** pass the contract tests");
  }
}
