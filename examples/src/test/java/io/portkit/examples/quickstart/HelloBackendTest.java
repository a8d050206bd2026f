package io.portkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the README quickstart against the emulator, delivering the webhook the way Port does. */
class HelloBackendTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PortEmulator emulator;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    emulator = PortEmulator.start();
    ClientCredentials credentials =
        new ClientCredentials(emulator.clientId(), emulator.clientSecret());
    receiver = HelloBackend.serve(credentials, emulator.baseUri(), 0);
    ObjectNode action = JSON.createObjectNode();
    action.put("identifier", "hello").put("title", "Say hello");
    action.putObject("trigger").put("type", "self-service").put("operation", "DAY-2");
    action.set("invocationMethod", InvocationMethod.webhook(receiver.uri()).toJsonNode());
    emulator.defineAction(action.toString());
  }

  @AfterEach
  void stop() {
    receiver.close();
    emulator.close();
  }

  @Test
  void serve_hello_runEndsSuccessWithLogAndLink() {
    String runId = emulator.trigger("hello", JSON.createObjectNode().put("name", "Ada")).id();

    EmulatedRun run = emulator.awaitFinalStatus(runId, Duration.ofSeconds(20));

    assertThat(run.status()).isEqualTo("SUCCESS");
    assertThat(run.logs()).anySatisfy(log -> assertThat(log.message()).isEqualTo("Hello, Ada!"));
    assertThat(run.link().toString()).contains("https://example.com/greetings/" + runId);
  }

  @Test
  void serve_inputOfTheWrongType_runEndsFailureNamingTheInput() {
    ObjectNode inputs = JSON.createObjectNode();
    inputs.putObject("name").put("first", "Ada");

    String runId = emulator.trigger("hello", inputs).id();
    EmulatedRun run = emulator.awaitFinalStatus(runId, Duration.ofSeconds(20));

    assertThat(run.status()).isEqualTo("FAILURE");
    assertThat(run.summary()).isEqualTo("input 'name': expected a string, got {\"first\":\"Ada\"}");
    assertThat(run.statusLabel()).isEqualTo("invalid inputs");
  }
}
