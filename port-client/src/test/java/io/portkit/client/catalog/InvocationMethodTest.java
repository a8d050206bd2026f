package io.portkit.client.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class InvocationMethodTest {
  private static final URI URL = URI.create("https://abc123.ngrok-free.app/webhook");
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void webhook_recommended_carriesRunIdActionBlueprintEntityTriggerAndInputs() throws Exception {
    String expected =
        "{\"type\":\"WEBHOOK\",\"url\":\"https://abc123.ngrok-free.app/webhook\","
            + "\"agent\":false,\"synchronized\":false,\"method\":\"POST\","
            + "\"headers\":{\"RUN_ID\":\"{{ .run.id }}\"},"
            + "\"body\":{\"port_context\":{\"runId\":\"{{ .run.id }}\","
            + "\"action\":\"{{ .action.identifier }}\",\"blueprint\":\"{{ .action.blueprint }}\","
            + "\"entity\":\"{{ .entity.identifier }}\",\"trigger\":\"{{ .trigger }}\"},"
            + "\"inputs\":\"{{ .inputs }}\",\"entity\":\"{{ .entity }}\"}}";

    InvocationMethod method = InvocationMethod.webhook(URL);

    assertThat(mapper.readTree(method.toJson())).isEqualTo(mapper.readTree(expected));
    assertThat(method.toJson())
        .startsWith("{" + System.lineSeparator() + "  \"type\" : \"WEBHOOK\"");
    assertThat(method.type()).isEqualTo("WEBHOOK");
    assertThat(method.url()).isEqualTo(URL.toString());
    assertThat(method.method()).isEqualTo("POST");
    assertThat(method.agent()).isFalse();
    assertThat(method.synchronous()).isFalse();
  }

  @Test
  void webhook_customBody_usedAsBodyAndCopied() throws Exception {
    JsonNode body = mapper.readTree("{\"run\":\"{{ .run.id }}\"}");

    InvocationMethod method = InvocationMethod.webhook(URL, body);
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("run", "changed");

    assertThat(method.body()).isEqualTo(mapper.readTree("{\"run\":\"{{ .run.id }}\"}"));
  }

  @Test
  void webhook_scalarBody_rejected() {
    assertThatThrownBy(() -> InvocationMethod.webhook(URL, mapper.getNodeFactory().numberNode(42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "body must be a JSON object or array (Port's invocationMethod.body), got NUMBER");
  }

  @Test
  void webhook_relativeUrl_rejected() {
    assertThatThrownBy(() -> InvocationMethod.webhook(URI.create("/webhook")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "url must be absolute with a host, for example https://example.ngrok-free.app/:"
                + " /webhook");
  }

  @Test
  void synchronous_returnsACopyWithTheFlag() {
    InvocationMethod async = InvocationMethod.webhook(URL);

    InvocationMethod sync = async.synchronous(true);

    assertThat(sync.synchronous()).isTrue();
    assertThat(async.synchronous()).isFalse();
    assertThat(sync).isNotEqualTo(async);
    assertThat(sync.toJsonNode().get("synchronized").asBoolean()).isTrue();
  }

  @Test
  void kafka_carriesTheRecommendedBodyAsPayload() {
    InvocationMethod kafka = InvocationMethod.kafka();

    assertThat(kafka.type()).isEqualTo("KAFKA");
    assertThat(kafka.url()).isNull();
    assertThat(kafka.body()).isEqualTo(InvocationMethod.recommendedBody());
  }

  @Test
  void fromJson_readsPortsForm_flagsAsBooleansOrStrings() throws Exception {
    InvocationMethod read =
        InvocationMethod.fromJson(
            mapper.readTree(
                "{\"type\":\"webhook\",\"url\":\"https://example.com/hook\","
                    + "\"synchronized\":\"true\",\"agent\":false}"));

    assertThat(read.type()).isEqualTo("WEBHOOK");
    assertThat(read.url()).isEqualTo("https://example.com/hook");
    assertThat(read.synchronous()).isTrue();
    assertThat(read.agent()).isFalse();
    assertThat(read.method()).isNull();
    assertThat(read.body()).isNull();
  }

  @Test
  void fromJson_notAnObject_explains() {
    assertThatThrownBy(() -> InvocationMethod.fromJson(mapper.getNodeFactory().textNode("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an invocationMethod is a JSON object, got STRING");
  }

  @Test
  void roundTrip_throughJson_isEqual() throws Exception {
    InvocationMethod method = InvocationMethod.webhook(URL).synchronous(true);

    assertThat(InvocationMethod.fromJson(mapper.readTree(method.toJson()))).isEqualTo(method);
  }

  @Test
  void instructions_nameUrlThenJson() {
    InvocationMethod method = InvocationMethod.webhook(URL);

    assertThat(method.instructions())
        .isEqualTo(
            "Port can reach this backend at https://abc123.ngrok-free.app/webhook\n"
                + "Paste this as the action's \"invocationMethod\" (Self-service > action > Edit"
                + " JSON):\n"
                + method.toJson());
    assertThat(method.toString())
        .isEqualTo(
            "InvocationMethod[type=WEBHOOK, url=https://abc123.ngrok-free.app/webhook,"
                + " synchronized=false]");
  }
}
