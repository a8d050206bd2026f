package io.portkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
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
    receiver = HelloBackend.serve(emulator.credentials(), emulator.baseUri(), 0);
    emulator.defineAction(
        Action.builder("hello")
            .title("Say hello")
            .userInput("name", "string")
            .invocationMethod(InvocationMethod.webhook(receiver.uri()))
            .build());
  }

  @AfterEach
  void stop() {
    receiver.close();
    emulator.close();
  }

  @Test
  void serve_hello_runEndsSuccessWithLogAndLink() {
    String runId = emulator.trigger("hello", JSON.createObjectNode().put("name", "Ada")).id();

    EmulatedRun run = emulator.awaitRun(runId, RunStatus.SUCCESS, Duration.ofSeconds(20));

    assertThat(run.logs()).anySatisfy(log -> assertThat(log.message()).isEqualTo("Hello, Ada!"));
    assertThat(run.links()).containsExactly("https://example.com/greetings/" + runId);
  }

  @Test
  void serve_inputOfTheWrongType_runEndsFailureNamingTheInput() {
    ObjectNode inputs = JSON.createObjectNode();
    inputs.putObject("name").put("first", "Ada");

    String runId = emulator.trigger("hello", inputs).id();
    EmulatedRun run = emulator.awaitRun(runId, RunStatus.FAILURE, Duration.ofSeconds(20));

    assertThat(run.summary()).isEqualTo("input 'name': expected a string, got {\"first\":\"Ada\"}");
    assertThat(run.statusLabel()).isEqualTo("invalid inputs");
  }
}
