package io.portkit.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.PortEmulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HandlerExecutorAndJacksonTest {
  static final List<Runnable> SUBMITTED = new CopyOnWriteArrayList<>();

  static class OneHandler {
    record Inputs(String name) {}

    @PortAction("deploy")
    void deploy(Inputs inputs) {}
  }

  @Test
  void executorBeanNamedPortkitHandlerExecutor_runsTheHandlers() {
    try (PortEmulator emulator = PortEmulator.start()) {
      emulator.defineAction(
          Action.builder("deploy")
              .invocationMethod(
                  InvocationMethod.webhook(java.net.URI.create("http://127.0.0.1:9/")))
              .build());
      emulator.createRun("deploy", JsonNodeFactory.instance.objectNode());
      run(emulator);
    }
  }

  private static void run(PortEmulator emulator) {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PortkitAutoConfiguration.class))
        .withBean(OneHandler.class)
        .withBean(
            PortkitAutoConfiguration.HANDLER_EXECUTOR_BEAN_NAME,
            Executor.class,
            () -> SUBMITTED::add)
        .withPropertyValues(
            "portkit.client-id=" + emulator.clientId(),
            "portkit.client-secret=" + emulator.clientSecret(),
            "portkit.api-url=" + emulator.baseUri())
        .run(
            context -> {
              PortBackend backend = context.getBean(PortBackend.class);
              DispatchOutcome outcome =
                  backend.dispatch(
                      new RunInvocationParser()
                          .parse(
                              RequestHeaders.empty(),
                              ("{\"port_context\":{\"runId\":\""
                                      + emulator.runs().get(0).id()
                                      + "\",\"action\":\"deploy\"}}")
                                  .getBytes(UTF_8)));
              assertThat(outcome).isEqualTo(DispatchOutcome.accepted());
              assertThat(SUBMITTED).hasSize(1);
              SUBMITTED.get(0).run(); // the handler runs on the executor's thread: here
              assertThat(backend.awaitIdle(java.time.Duration.ofSeconds(5))).isTrue();
              assertThat(emulator.runs().get(0).status().value()).isEqualTo("SUCCESS");
            });
  }

  @Test
  void jacksonRange_isTheOneTheBuildTests() {
    assertThat(JacksonRange.supported(2, 19)).isTrue();
    assertThat(JacksonRange.supported(2, 21)).isTrue();
    assertThat(JacksonRange.supported(2, 18)).isFalse();
    assertThat(JacksonRange.supported(3, 0)).isFalse();
    JacksonRange.check(); // the build's own Jackson: within range, no warning
  }
}
