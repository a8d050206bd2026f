package io.portkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
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
              .credentials(emulator.credentials())
              .build();
      try (WebhookReceiver receiver = HelloBackend.start(port, emulator.clientSecret(), 0)) {
        emulator.defineAction(
            Action.builder("hello")
                .title("Say hello")
                .userInput("name", "string")
                .invocationMethod(InvocationMethod.webhook(receiver.uri()))
                .build());
        ObjectNode inputs = JSON.createObjectNode().put("name", "Ada");

        String runId = emulator.trigger("hello", inputs).id();
        EmulatedRun run = emulator.awaitFinalStatus(runId, Duration.ofSeconds(20));

        assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.logs())
            .anySatisfy(log -> assertThat(log.message()).isEqualTo("Hello, Ada!"));
        assertThat(run.links()).containsExactly("https://example.com/greetings/" + runId);
      }
    }
  }
}
