package io.portkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the README quickstart against the emulator, delivering the webhook the way Port does. */
class HelloBackendTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void start_emulatorTriggersHello_runEndsSuccessWithLogAndLink() throws Exception {
    try (PortEmulator emulator = PortEmulator.start()) {
      PortClient port =
          PortClient.builder()
              .baseUri(emulator.baseUri())
              .credentials(new ClientCredentials(emulator.clientId(), emulator.clientSecret()))
              .build();
      try (WebhookReceiver receiver = HelloBackend.start(port, emulator.clientSecret(), 0)) {
        emulator.defineAction(
            "{\"identifier\":\"hello\",\"title\":\"Say hello\","
                + "\"trigger\":{\"type\":\"self-service\",\"operation\":\"DAY-2\"},"
                + "\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\""
                + receiver.uri()
                + "\","
                + "\"synchronized\":false,\"body\":{\"port_context\":{\"runId\":\"{{ .run.id }}\","
                + "\"action\":\"{{ .action.identifier }}\"},\"inputs\":\"{{ .inputs }}\"}}}");
        ObjectNode inputs = JSON.createObjectNode().put("name", "Ada");

        String runId = emulator.trigger("hello", inputs).id();
        EmulatedRun run = emulator.awaitFinalStatus(runId, Duration.ofSeconds(20));

        assertThat(run.status()).isEqualTo("SUCCESS");
        assertThat(run.logs())
            .anySatisfy(log -> assertThat(log.message()).isEqualTo("Hello, Ada!"));
        assertThat(run.link().toString()).contains("https://example.com/greetings/" + runId);
      }
    }
  }
}
