package io.portkit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the context drains runs within the shutdown phase and fails the rest, once. */
class GracefulShutdownTest {
  @Test
  void contextClose_runStillRunning_endsFailureBackendShutDownWithinThePhase() throws Exception {
    DeployApp.Deployments.hold = new CountDownLatch(1);
    DeployApp.Deployments.started = new CountDownLatch(1);
    try (PortEmulator emulator = PortEmulator.start()) {
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(DeployApp.class, PortEmulatorAutoConfiguration.class)
              .initializers(c -> c.getBeanFactory().registerSingleton("portEmulator", emulator))
              .properties(
                  "server.port=0",
                  "spring.lifecycle.timeout-per-shutdown-phase=2s",
                  "spring.main.banner-mode=off")
              .run();
      EmulatedPort port = context.getBean(EmulatedPort.class);
      port.defineWebhookAction("deploy_service");
      String runId = port.trigger("deploy_service", Map.of("service", "api", "version", "9"));
      assertThat(DeployApp.Deployments.started.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      context.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      EmulatedRun run = emulator.awaitFinalStatus(runId, Duration.ofSeconds(5));
      assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
      assertThat(run.statusLabel()).isEqualTo("backend shut down");
      assertThat(took).isLessThan(Duration.ofSeconds(6));
    } finally {
      DeployApp.Deployments.hold = new CountDownLatch(0);
    }
  }
}
