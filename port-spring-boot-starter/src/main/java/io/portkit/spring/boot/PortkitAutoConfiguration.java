package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;
import io.portkit.client.PortClient;
import io.portkit.client.auth.TokenSource;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The portkit backend of a Spring Boot application: connection details, the Port client, the
 * backend with every {@link PortAction} handler, and its lifecycle. Each bean backs off when the
 * application declares its own; {@code portkit.enabled=false} turns it all off.
 */
@AutoConfiguration(after = TaskExecutionAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "portkit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortkitProperties.class)
public class PortkitAutoConfiguration {
  /** The name of an {@link Executor} bean handlers run on, when the application declares one. */
  public static final String HANDLER_EXECUTOR_BEAN_NAME = "portkitHandlerExecutor";

  private static final Logger log = LoggerFactory.getLogger(PortkitAutoConfiguration.class);

  /** The Jackson 2 versions portkit is tested with (ADR 0180). */
  static final String JACKSON_RANGE = "2.19 to 2.21";

  @Bean
  @ConditionalOnMissingBean
  PortConnectionDetails portConnectionDetails(PortkitProperties properties, Environment env) {
    return new PropertiesPortConnectionDetails(properties, env);
  }

  @Bean
  @ConditionalOnMissingBean(PortClient.class)
  PortApiTransport portkitApiTransport(
      PortConnectionDetails details,
      ObjectProvider<PortClientCustomizer> customizers,
      PortkitProperties properties) {
    JacksonRange.check();
    return new PortApiTransport(
        details, customizers.orderedStream().toList(), properties.writeCoalescing());
  }

  @Bean
  @ConditionalOnMissingBean
  PortClient portClient(PortApiTransport transport) {
    return transport.client();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  PortBackend portBackend(
      PortkitProperties properties,
      PortConnectionDetails details,
      PortClient client,
      ObjectProvider<PortBackendCustomizer> customizers,
      ConfigurableListableBeanFactory beans,
      Environment env) {
    if (properties.transport() == PortkitProperties.Transport.KAFKA
        && !ClassUtils.isPresent(
            "io.portkit.kafka.KafkaRunConsumer", getClass().getClassLoader())) {
      throw new PortkitStartupException(
          "portkit.transport=kafka but io.portkit:port-kafka is not on the classpath",
          "Add the dependency io.portkit:port-kafka, or set portkit.transport=webhook.");
    }
    PortBackend.Builder builder =
        PortBackend.builder()
            .credentials(details.credentials()) // verifies deliveries; the client is given
            .client(client)
            .tolerance(properties.verification().tolerance())
            .maxInFlight(properties.maxInFlight())
            .runTimeout(properties.handlerTimeout())
            .shutdownGrace(PortkitLifecycle.grace(phaseTimeout(env)))
            .dispatcher(d -> d.syncTimeout(properties.syncTimeout()));
    properties.verification().extraSecrets().forEach(builder::addVerificationSecret);
    if (properties.journalDirectory() != null) {
      builder.journal(properties.journalDirectory());
    }
    if (properties.maxQueued() != null) {
      builder.maxQueued(properties.maxQueued());
    }
    Executor executor = handlerExecutor(beans, env);
    if (executor != null) {
      builder.executor(executor);
    }
    int handlers = PortActionHandlers.register(beans, builder);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    PortBackend backend;
    try {
      backend = builder.build();
    } catch (IllegalStateException e) {
      if (handlers == 0) {
        throw new PortkitStartupException(
            "portkit found no handler: no @PortAction method and no RunHandler bean",
            "Annotate a method of a bean with @PortAction(\"<action identifier>\"), or set"
                + " portkit.enabled=false if this application handles no Port action.");
      }
      throw e;
    }
    log.info(
        "portkit backend: {} handler(s), Port API {}, transport {}",
        handlers,
        details.apiUrl(),
        properties.transport().name().toLowerCase(java.util.Locale.ROOT));
    return backend;
  }

  @Bean
  @ConditionalOnMissingBean
  PortkitLifecycle portkitLifecycle(
      PortBackend backend,
      PortkitProperties properties,
      ObjectProvider<PortkitIntake> intake,
      ConfigurableListableBeanFactory beans,
      Environment env) {
    if (properties.transport() == PortkitProperties.Transport.WEBHOOK
        && !beans.containsBean(PortkitWebhookAutoConfiguration.HANDLER_MAPPING_BEAN_NAME)) {
      log.warn(
          "portkit.transport=webhook, but this application has no Spring MVC servlet server"
              + " (spring-boot-starter-webmvc), so nothing receives Port's webhooks: add it, or"
              + " set portkit.transport=kafka");
    }
    return new PortkitLifecycle(
        backend, intake.getIfAvailable(), PortkitLifecycle.grace(phaseTimeout(env)));
  }

  /** The token source of the client this configuration built, for the health contributor. */
  static @Nullable TokenSource tokens(ObjectProvider<PortApiTransport> transport) {
    PortApiTransport t = transport.getIfAvailable();
    return t == null ? null : t.tokens();
  }

  static Duration phaseTimeout(Environment env) {
    return Binder.get(env)
        .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
        .orElse(Duration.ofSeconds(30));
  }

  private static @Nullable Executor handlerExecutor(
      ConfigurableListableBeanFactory beans, Environment env) {
    if (beans.containsBean(HANDLER_EXECUTOR_BEAN_NAME)) {
      return beans.getBean(HANDLER_EXECUTOR_BEAN_NAME, Executor.class);
    }
    if (Threading.VIRTUAL.isActive(env)
        && beans.containsBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)) {
      // spring.threads.virtual.enabled: Boot's executor runs each task on a virtual thread.
      return beans.getBean(
          TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME, Executor.class);
    }
    return null; // the core's: virtual threads on Java 21+, a pool of maxInFlight on 17
  }
}
