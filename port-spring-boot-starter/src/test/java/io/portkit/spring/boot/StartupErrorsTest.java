package io.portkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import java.net.URI;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

class StartupErrorsTest {
  private static final String SECRET = "starter-test-secret-value";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PortkitAutoConfiguration.class));

  record Inputs(String name) {}

  static class OneHandler {
    @PortAction("deploy")
    void deploy(Inputs inputs) {}
  }

  static class SameAction {
    @PortAction("deploy")
    String again(Inputs inputs) {
      return "again";
    }
  }

  static class BadParameter {
    @PortAction("deploy")
    void deploy(String name) {}
  }

  @Configuration
  static class HandlerBeanConfig {
    @Bean
    @PortAction("deploy")
    RunHandler deployHandler() {
      return (run, ctx) -> {};
    }
  }

  private static ContextConsumer<AssertableApplicationContext> failsWith(
      String description, String action) {
    return context -> {
      assertThat(context).hasFailed();
      Throwable root = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
      assertThat(root).isInstanceOf(PortkitStartupException.class);
      FailureAnalysis analysis = new PortkitFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains(description);
      assertThat(analysis.getAction()).contains(action);
    };
  }

  @Test
  void missingSecret_failsNamingThePropertyAndTheEnvironmentVariable() {
    runner
        .withBean(OneHandler.class)
        .withPropertyValues("portkit.client-id=my-client")
        .run(
            context -> {
              failsWith(
                      "portkit.client-secret (environment variable PORT_CLIENT_SECRET)",
                      "PORT_CLIENT_SECRET")
                  .accept(context);
              assertThat(context.getStartupFailure().toString())
                  .doesNotContain("portkit.client-id (");
            });
  }

  @Test
  void secretFromTheEnvironmentVariableName_isUsedAndNeverPrinted() {
    runner
        .withBean(OneHandler.class)
        .withPropertyValues("PORT_CLIENT_ID=my-client", "PORT_CLIENT_SECRET=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PortConnectionDetails details = context.getBean(PortConnectionDetails.class);
              assertThat(details.credentials())
                  .isEqualTo(new ClientCredentials("my-client", SECRET));
              assertThat(details.apiUrl()).isEqualTo(URI.create("https://api.port.io"));
              assertThat(details.toString()).doesNotContain(SECRET);
              assertThat(context.getBean(PortkitProperties.class).toString())
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void twoHandlersForOneAction_failNamingBoth() {
    runner
        .withBean(OneHandler.class)
        .withBean(SameAction.class)
        .withPropertyValues("portkit.client-id=id", "portkit.client-secret=" + SECRET)
        .run(failsWith("Port action 'deploy' has two handlers", "one handler per action"));
  }

  @Test
  void annotatedMethodAndRunHandlerBeanForOneAction_failNamingBoth() {
    runner
        .withBean(OneHandler.class)
        .withUserConfiguration(HandlerBeanConfig.class)
        .withPropertyValues("portkit.client-id=id", "portkit.client-secret=" + SECRET)
        .run(failsWith("RunHandler bean 'deployHandler'", "one handler per action"));
  }

  @Test
  void parameterThatCannotBeBound_failsNamingItAndWhatIsBindable() {
    runner
        .withBean(BadParameter.class)
        .withPropertyValues("portkit.client-id=id", "portkit.client-secret=" + SECRET)
        .run(
            failsWith(
                "parameter 'name' of type java.lang.String cannot be bound",
                "RunInvocation, RunContext, RunTrigger or ObjectNode"));
  }

  @Test
  void noHandler_failsSayingHowToAddOne() {
    runner
        .withPropertyValues("portkit.client-id=id", "portkit.client-secret=" + SECRET)
        .run(failsWith("portkit found no handler", "@PortAction"));
  }

  @Test
  void maxQueued_isPassedToTheDispatcher_andANegativeOneFailsNamingTheProperty() {
    runner
        .withBean(OneHandler.class)
        .withPropertyValues(
            "portkit.client-id=id", "portkit.client-secret=" + SECRET, "portkit.max-queued=5")
        .run(
            context ->
                assertThat(context.getBean(PortBackend.class).dispatcher().maxQueued())
                    .isEqualTo(5));
    runner
        .withBean(OneHandler.class)
        .withPropertyValues(
            "portkit.client-id=id", "portkit.client-secret=" + SECRET, "portkit.max-queued=-1")
        .run(
            context ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .hasMessageContaining("portkit.max-queued must not be negative, got -1"));
  }

  @Test
  void writeCoalescing_isPassedToTheClient_andANegativeOneFailsNamingTheProperty() {
    runner
        .withBean(OneHandler.class)
        .withPropertyValues("portkit.client-id=id", "portkit.client-secret=" + SECRET)
        .run(
            context ->
                assertThat(context.getBean(PortClient.class).writeCoalescing())
                    .isEqualTo(PortClient.Builder.DEFAULT_WRITE_COALESCING));
    runner
        .withBean(OneHandler.class)
        .withPropertyValues(
            "portkit.client-id=id", "portkit.client-secret=" + SECRET, "portkit.write-coalescing=0")
        .run(context -> assertThat(context.getBean(PortClient.class).writeCoalescing()).isZero());
    runner
        .withBean(OneHandler.class)
        .withPropertyValues(
            "portkit.client-id=id",
            "portkit.client-secret=" + SECRET,
            "portkit.write-coalescing=-1s")
        .run(
            context ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .hasMessageContaining("portkit.write-coalescing must be 0 (off) or positive"));
  }

  @Test
  void outOfRangeProperty_failsNamingTheProperty() {
    runner
        .withBean(OneHandler.class)
        .withPropertyValues(
            "portkit.client-id=id", "portkit.client-secret=" + SECRET, "portkit.max-in-flight=0")
        .run(
            context -> {
              assertThat(context).hasFailed();
              ThrowableAssert.ThrowingCallable none = () -> {};
              assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                  .hasMessageContaining("portkit.max-in-flight must be at least 1, got 0");
              assertThat(none).isNotNull();
            });
  }

  @Test
  void disabled_configuresNothing_evenWithAMeterRegistryAndEveryAutoConfiguration() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PortkitAutoConfiguration.class,
                PortkitWebhookAutoConfiguration.class,
                PortkitKafkaAutoConfiguration.class,
                PortkitHealthAutoConfiguration.class,
                PortkitMetricsAutoConfiguration.class))
        .withBean(
            io.micrometer.core.instrument.MeterRegistry.class,
            io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .withBean(OneHandler.class)
        .withPropertyValues("portkit.enabled=false")
        .run(
            context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(PortConnectionDetails.class));
  }

  @Test
  void grace_leavesAReserveForTheFinalReports() {
    assertThat(PortkitLifecycle.grace(java.time.Duration.ofSeconds(30)))
        .isEqualTo(java.time.Duration.ofSeconds(25));
    assertThat(PortkitLifecycle.grace(java.time.Duration.ofSeconds(5)))
        .isEqualTo(java.time.Duration.ofSeconds(4));
  }
}
