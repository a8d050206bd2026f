package io.portkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {
  private static final URI URL = URI.create("https://backend.example.com/");

  @Test
  void action_everyDemoAction_usesTheRecommendedTemplateAndAKnownBlueprint() throws Exception {
    for (String id : DemoCatalog.ACTIONS) {
      ObjectNode action = DemoCatalog.action(id, URL);
      ObjectNode method = (ObjectNode) action.get("invocationMethod");

      assertThat(action.get("identifier").asText()).isEqualTo(id);
      assertThat(method.get("url").asText()).isEqualTo(URL.toString());
      assertThat(method.get("body")).isEqualTo(InvocationMethod.recommendedBody());
      assertThat(method.get("synchronized").asBoolean()).isFalse();
      assertThat(DemoCatalog.BLUEPRINTS)
          .contains(action.path("trigger").path("blueprintIdentifier").asText());
    }
  }

  @Test
  void install_emptyEmulator_definesBlueprintsThenActions() {
    try (PortEmulator emulator = PortEmulator.start()) {
      assertThat(DemoCatalog.install(emulator, URL))
          .containsExactly(
              "environment",
              "temporary_access",
              "db_snapshot",
              "provision_environment",
              "grant_temporary_access",
              "create_anonymized_db_copy",
              "run_ci_pipeline");
    }
  }

  @Test
  void blueprint_unknown_throwsNamingTheKnownOnes() {
    assertThatThrownBy(() -> DemoCatalog.blueprint("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no catalog resource catalog/blueprint-nope.json: known blueprints"
                + " [environment, temporary_access, db_snapshot], actions [provision_environment,"
                + " grant_temporary_access, create_anonymized_db_copy, run_ci_pipeline]");
  }
}
