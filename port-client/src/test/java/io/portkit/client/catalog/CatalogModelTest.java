package io.portkit.client.catalog;

import static io.portkit.client.testing.TestClients.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.internal.PortJson;
import org.junit.jupiter.api.Test;

class CatalogModelTest {
  private final ObjectMapper mapper = PortJson.newMapper();

  @Test
  void blueprintFromJson_readsSchemaAndRelations() throws Exception {
    Blueprint bp =
        Blueprint.fromJson(mapper.readTree(fixture("catalog/blueprint.json")).get("blueprint"));

    assertThat(bp.identifier()).isEqualTo("service");
    assertThat(bp.title()).isEqualTo("Service");
    assertThat(bp.properties()).containsOnlyKeys("url", "replicas");
    assertThat(bp.properties().get("url").format()).isEqualTo("url");
    assertThat(bp.properties().get("replicas").raw().path("default").asInt()).isEqualTo(1);
    assertThat(bp.required()).containsExactly("url");
    assertThat(bp.relations().get("team")).isEqualTo(new Relation("Team", "team", true, false));
    assertThat(bp.raw().has("calculationProperties")).isTrue();
  }

  @Test
  void actionFromJson_readsTriggerAndInvocation() throws Exception {
    Action a = Action.fromJson(mapper.readTree(fixture("catalog/action.json")).get("action"));

    assertThat(a.identifier()).isEqualTo("deploy_service");
    assertThat(a.triggerType()).isEqualTo("self-service");
    assertThat(a.operation()).isEqualTo("DAY-2");
    assertThat(a.invocationMethod().type()).isEqualTo("WEBHOOK");
    assertThat(a.invocationMethod().url()).isEqualTo("https://example.com/hook");
    assertThat(a.invocationMethod().synchronous()).isTrue();
    assertThat(a.invocationMethod().agent()).isFalse();
    assertThat(a.raw().path("publish").asBoolean()).isTrue();
  }

  @Test
  void action_secretInputsAndAutomationFlag() throws Exception {
    Action action =
        Action.fromJson(
            mapper.readTree(
                "{\"identifier\":\"copy\",\"trigger\":{\"type\":\"self-service\","
                    + "\"userInputs\":{\"properties\":{\"tables\":{\"type\":\"array\"},"
                    + "\"password\":{\"type\":\"string\",\"encryption\":\"aes256-gcm\"}}}}}"));
    Action automation =
        Action.fromJson(
            mapper.readTree(
                "{\"identifier\":\"revoke\",\"trigger\":{\"type\":\"automation\","
                    + "\"event\":{\"type\":\"TIMER_PROPERTY_EXPIRED\"}}}"));

    assertThat(action.secretInputs()).containsExactly("password");
    assertThat(action.isAutomation()).isFalse();
    assertThat(automation.isAutomation()).isTrue();
    assertThat(automation.secretInputs()).isEmpty();
  }
}
