package io.portkit.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class InvocationMethodTest {
  private static final URI URL = URI.create("https://abc123.ngrok-free.app/webhook");
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void toJson_defaultBody_isPortWebhookInvocation() throws Exception {
    String expected =
        "{\"type\":\"WEBHOOK\",\"url\":\"https://abc123.ngrok-free.app/webhook\","
            + "\"agent\":false,\"synchronized\":false,\"method\":\"POST\","
            + "\"headers\":{\"RUN_ID\":\"{{ .run.id }}\"},"
            + "\"body\":{\"{{ spreadValue() }}\":\"{{ .inputs }}\","
            + "\"port_context\":{\"runId\":\"{{ .run.id }}\"}}}";

    String json = InvocationMethod.of(URL).toJson();

    assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree(expected));
    assertThat(json).startsWith("{" + System.lineSeparator() + "  \"type\" : \"WEBHOOK\"");
  }

  @Test
  void of_customBodyJson_usedAsBody() throws Exception {
    InvocationMethod method = InvocationMethod.of(URL, "{\"run\":\"{{ .run.id }}\"}");

    assertThat(method.toJsonNode().get("body"))
        .isEqualTo(mapper.readTree("{\"run\":\"{{ .run.id }}\"}"));
  }

  @Test
  void of_bodyNotJson_explains() {
    assertThatThrownBy(() -> InvocationMethod.of(URL, "{run"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bodyJson is not valid JSON: ");
  }

  @Test
  void of_bodyScalar_rejected() {
    assertThatThrownBy(() -> InvocationMethod.of(URL, "42"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "body must be a JSON object or array (Port's invocationMethod.body), got: NUMBER");
  }

  @Test
  void of_relativeUrl_rejected() {
    assertThatThrownBy(() -> InvocationMethod.of(URI.create("/webhook")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "url must be absolute with a host, for example"
                + " https://example.ngrok-free.app/webhook: /webhook");
  }

  @Test
  void instructions_always_nameUrlThenJson() {
    InvocationMethod method = InvocationMethod.of(URL);

    assertThat(method.logInstructions())
        .isEqualTo(
            "Port can reach this backend at https://abc123.ngrok-free.app/webhook"
                + System.lineSeparator()
                + "Paste this as the action's \"invocationMethod\" (Self-service > action > Edit JSON):"
                + System.lineSeparator()
                + method.toJson());
  }
}
