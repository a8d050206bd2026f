package io.portkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.portkit.backend.invocation.Signer;
import io.portkit.client.catalog.Action;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** MockMvc reaches the webhook route: it is a Spring MVC handler, not a separate servlet. */
@SpringBootTest(classes = MockMvcWebhookTest.App.class)
@AutoConfigureMockMvc
class MockMvcWebhookTest {
  static final PortEmulator EMULATOR = PortEmulator.start();

  @AfterAll
  static void stop() {
    EMULATOR.close();
  }

  record Greeting(String name) {}

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    PortConnectionDetails emulator() {
      return EmulatorConnection.to(EMULATOR);
    }

    @Bean
    Greeter greeter() {
      return new Greeter();
    }
  }

  static class Greeter {
    @PortAction(value = "greet", synchronous = true)
    String greet(Greeting inputs, RunContext ctx) {
      return "hello " + inputs.name();
    }
  }

  @Autowired MockMvc mvc;

  @Test
  void signedDelivery_answeredByTheHandler_badBodyAndMissingSignatureRefused() throws Exception {
    EMULATOR.defineAction(
        Action.fromJson(
            "{\"identifier\":\"greet\",\"trigger\":{\"type\":\"self-service\",\"operation\":\"DAY-2\"},"
                + "\"invocationMethod\":{\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:9/\",\"synchronized\":true}}"));
    String runId =
        EMULATOR
            .createRun(
                "greet", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())
            .id();
    byte[] body =
        ("{\"port_context\":{\"runId\":\""
                + runId
                + "\",\"action\":\"greet\"},\"inputs\":{\"name\":\"ada\"}}")
            .getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;

    String answer =
        mvc.perform(
                post("/portkit/webhook")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("x-port-timestamp", Long.toString(now))
                    .header(
                        "x-port-signature",
                        Signer.withSecret(EMULATOR.clientSecret()).sign(now, body))
                    .content(body))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(answer).contains("\"status\":\"SUCCESS\"").contains("hello ada");

    mvc.perform(post("/portkit/webhook").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/portkit/webhook").contentType(MediaType.TEXT_PLAIN).content("x"))
        .andExpect(status().isUnsupportedMediaType());
    mvc.perform(
            post("/portkit/webhook/manual")
                .contentType(MediaType.APPLICATION_JSON)
                .header("x-port-timestamp", Long.toString(now))
                .header(
                    "x-port-signature", Signer.withSecret(EMULATOR.clientSecret()).sign(now, body))
                .content(body))
        .andExpect(status().isNotFound()); // off unless portkit.webhook.manual-route=true
    EmulatedRun run = EMULATOR.run(runId).orElseThrow();
    assertThat(run.status())
        .isEqualTo(RunStatus.IN_PROGRESS); // a synchronized answer; no status PATCH
    assertThat(Duration.ZERO).isZero();
  }
}
