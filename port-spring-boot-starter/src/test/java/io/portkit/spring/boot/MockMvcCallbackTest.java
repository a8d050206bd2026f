package io.portkit.spring.boot;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.portkit.backend.callback.CallbackCompletion;
import io.portkit.backend.callback.CallbackVerifier;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.client.run.RunContext;
import io.portkit.testkit.PortEmulator;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
import org.springframework.test.web.servlet.ResultActions;

/** A {@link PortCallback} bean is served on its path, next to the webhook route. */
@SpringBootTest(classes = MockMvcCallbackTest.App.class)
@AutoConfigureMockMvc
class MockMvcCallbackTest {
  static final PortEmulator EMULATOR = PortEmulator.start();
  static final String CI_SECRET = "ci-secret-for-the-spring-test";
  static final CallbackVerifier VERIFIER =
      CallbackVerifier.builder()
          .signatureHeader("X-Hub-Signature-256")
          .prefix("sha256=")
          .secret(CI_SECRET)
          .build();

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

    @Bean
    PortCallback ciCallback() {
      return new PortCallback(
          "/callbacks/ci",
          HandOffCallback.builder("ci")
              .verifier(VERIFIER)
              .mapper(
                  body ->
                      body.path("job").isTextual()
                          ? Optional.of(
                              CallbackCompletion.ofExternalId(
                                  body.path("job").asText(), HandOffResult.success("passed")))
                          : Optional.empty())
              .build());
    }
  }

  static class Deployer {
    @PortAction("deploy")
    void deploy(RunContext ctx) {
      ctx.log("deploying");
    }
  }

  @Autowired MockMvc mvc;

  private ResultActions callback(String json, boolean signed) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    var request = post("/callbacks/ci").contentType(MediaType.APPLICATION_JSON).content(body);
    if (signed) {
      request.header("X-Hub-Signature-256", VERIFIER.sign(CI_SECRET, null, body));
    }
    return mvc.perform(request);
  }

  @Test
  void callback_unsigned401_progress202_unknownJob404() throws Exception {
    callback("{\"job\":\"ci-1\"}", false).andExpect(status().isUnauthorized());
    callback("{\"progress\":1}", true)
        .andExpect(status().isAccepted())
        .andExpect(content().json("{\"ok\":true,\"status\":\"ignored\"}"));
    callback("{\"job\":\"ci-nobody\"}", true).andExpect(status().isNotFound());
  }
}
