package io.portkit.examples.spring;

import io.portkit.client.run.RunStatus;
import io.portkit.spring.boot.test.EmulatedPort;
import io.portkit.spring.boot.test.PortEmulatorAutoConfiguration;
import io.portkit.testkit.EmulatedRun;
import java.util.Map;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code PORT_CLIENT_ID}, the service talks to an in-memory Port (port-testkit's emulator)
 * instead of port.io, and triggers one {@code deploy_service} run through its own server to show
 * the whole path. Not part of a real service: there, port-spring-boot-test is a test dependency and
 * {@code PORT_CLIENT_ID}/{@code PORT_CLIENT_SECRET} are set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${PORT_CLIENT_ID:}'.isEmpty() && '${portkit.client-id:}'.isEmpty()")
@ImportAutoConfiguration(PortEmulatorAutoConfiguration.class)
class LocalPort {
  @Bean
  @ConditionalOnBooleanProperty(name = "example.demo", matchIfMissing = true)
  ApplicationRunner demoRun(EmulatedPort port, ConfigurableApplicationContext context) {
    return args -> {
      port.defineWebhookAction("deploy_service");
      System.out.println(
          "No PORT_CLIENT_ID: using an emulated Port at "
              + port.emulator().baseUri()
              + "; its webhooks go to "
              + port.webhookUrl());
      String runId =
          port.trigger("deploy_service", Map.of("service", "billing-api", "version", "1.4.2"));
      EmulatedRun run = port.awaitFinalStatus(runId);
      System.out.println(
          "run "
              + run.id()
              + " "
              + run.status()
              + ": "
              + run.summary()
              + " (links "
              + run.links()
              + ")");
      if (args.containsOption("once")) {
        int code = RunStatus.SUCCESS.equals(run.status()) ? 0 : 1;
        System.exit(org.springframework.boot.SpringApplication.exit(context, () -> code));
      }
      System.out.println(
          "Serving; trigger more runs with the emulator's API, or Ctrl-C to stop (runs in flight"
              + " drain first).");
    };
  }
}
