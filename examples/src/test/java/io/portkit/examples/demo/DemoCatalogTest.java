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
  void automation_revokeTemporaryAccess_firesOnTheAccessTimerThroughTheRecommendedWebhook() {
    ObjectNode automation = DemoCatalog.automation(DemoCatalog.REVOKE_TEMPORARY_ACCESS, URL);

    assertThat(automation.get("identifier").asText()).isEqualTo("revoke_temporary_access");
    assertThat(automation.path("trigger").path("type").asText()).isEqualTo("automation");
    assertThat(automation.path("trigger").path("event"))
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("type", "TIMER_PROPERTY_EXPIRED")
                .put("blueprintIdentifier", "temporary_access")
                .put("propertyIdentifier", DemoCatalog.ACCESS_TIMER));
    assertThat(automation.get("invocationMethod"))
        .isEqualTo(InvocationMethod.webhook(URL).toJsonNode());
    assertThat(automation.get("publish").asBoolean()).isTrue();
    assertThat(
            DemoCatalog.blueprint("temporary_access")
                .path("schema")
                .path("properties")
                .path(DemoCatalog.ACCESS_TIMER)
                .path("format")
                .asText())
        .isEqualTo("timer");
  }

  @Test
  void install_emptyEmulator_definesBlueprintsThenActionsThenAutomations() {
    try (PortEmulator emulator = PortEmulator.start()) {
      assertThat(DemoCatalog.install(emulator, URL))
          .containsExactly(
              "environment",
              "temporary_access",
              "db_snapshot",
              "provision_environment",
              "grant_temporary_access",
              "create_anonymized_db_copy",
              "run_ci_pipeline",
              "revoke_temporary_access");
    }
  }

  @Test
  void blueprint_unknown_throwsNamingTheKnownOnes() {
    assertThatThrownBy(() -> DemoCatalog.blueprint("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no catalog resource catalog/blueprint-nope.json: known blueprints"
                + " [environment, temporary_access, db_snapshot], actions [provision_environment,"
                + " grant_temporary_access, create_anonymized_db_copy, run_ci_pipeline], automations"
                + " [revoke_temporary_access]");
  }
}
