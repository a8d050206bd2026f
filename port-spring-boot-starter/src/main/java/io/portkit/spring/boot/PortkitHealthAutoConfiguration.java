package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** Adds the {@code portkit} health contributor when Spring Boot's health support is present. */
@AutoConfiguration(after = PortkitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PortBackend.class)
@ConditionalOnEnabledHealthIndicator("portkit")
public class PortkitHealthAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "portkitHealthIndicator")
  HealthIndicator portkitHealthIndicator(
      PortBackend backend,
      PortkitProperties properties,
      ObjectProvider<PortApiTransport> transport) {
    return new PortkitHealthIndicator(
        backend, PortkitAutoConfiguration.tokens(transport), properties.journalDirectory());
  }
}
