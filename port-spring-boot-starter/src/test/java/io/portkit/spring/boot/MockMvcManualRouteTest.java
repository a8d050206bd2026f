package io.portkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.invocation.Signer;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
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

/** {@code portkit.webhook.manual-route=true} serves {@code path/manual}: acknowledged, not run. */
@SpringBootTest(
    classes = MockMvcManualRouteTest.App.class,
    properties = "portkit.webhook.manual-route=true")
@AutoConfigureMockMvc
class MockMvcManualRouteTest {
  static final PortEmulator EMULATOR = PortEmulator.start();
  static final AtomicInteger HANDLED = new AtomicInteger();

  @AfterAll
  static void stop() {
    EMULATOR.close();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    PortConnectionDetails emulator() {
      return EmulatorConnection.to(EMULATOR);
    }

    @Bean
    Deployer deployer() {
      return new Deployer();
    }
  }

  static class Deployer {
    @PortAction("deploy")
    void deploy(RunContext ctx) {
      HANDLED.incrementAndGet();
    }
  }

  @Autowired MockMvc mvc;

  @Test
  void manualRoute_signedDelivery_acknowledged202_handlerNotRun_runStaysInProgress()
      throws Exception {
    EMULATOR.defineAction(
        Action.builder("deploy")
            .invocationMethod(InvocationMethod.webhook(URI.create("http://127.0.0.1:9/")))
            .build());
    String runId = EMULATOR.createRun("deploy", new ObjectMapper().createObjectNode()).id();
    byte[] body =
        ("{\"port_context\":{\"runId\":\"" + runId + "\",\"action\":\"deploy\"}}")
            .getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;

    mvc.perform(
            post("/portkit/webhook/manual")
                .contentType(MediaType.APPLICATION_JSON)
                .header("x-port-timestamp", Long.toString(now))
                .header(
                    "x-port-signature", Signer.withSecret(EMULATOR.clientSecret()).sign(now, body))
                .content(body))
        .andExpect(status().isAccepted());

    assertThat(HANDLED).hasValue(0);
    assertThat(EMULATOR.run(runId).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
  }
}
