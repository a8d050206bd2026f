package io.portkit.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.portkit.backend.PortBackend;
import io.portkit.client.Sleeper;
import io.portkit.micrometer.PortkitMetrics;
import java.net.http.HttpClient;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Records {@code port-micrometer}'s meters in the application's {@link MeterRegistry}, only when
 * there is one (Actuator): runs, intake rejections, Port API calls, token fetches, runs in flight.
 * Listed with their tags in {@code docs/observability.md}.
 */
@AutoConfiguration(
    before = PortkitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, PortkitMetrics.class})
@ConditionalOnBooleanProperty(name = "portkit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortkitProperties.class)
@ConditionalOnBean(MeterRegistry.class)
public class PortkitMetricsAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  PortkitMetrics portkitMetrics(MeterRegistry registry, PortkitProperties properties) {
    return PortkitMetrics.builder(registry)
        .transport(properties.transport().name().toLowerCase(Locale.ROOT))
        .build();
  }

  @Bean
  PortClientCustomizer portkitMetricsClientCustomizer(PortkitMetrics metrics) {
    return new PortClientCustomizer() {
      @Override
      public HttpClient customize(HttpClient http) {
        return metrics.instrument(http);
      }

      @Override
      public Sleeper customize(Sleeper sleeper) {
        return metrics.instrument(sleeper);
      }
    };
  }

  @Bean
  PortBackendCustomizer portkitMetricsBackendCustomizer(PortkitMetrics metrics) {
    return builder -> builder.listener(metrics);
  }

  @Bean
  SmartInitializingSingleton portkitMetricsGauges(
      PortkitMetrics metrics, ObjectProvider<PortBackend> backend) {
    return () -> backend.ifAvailable(metrics::bind);
  }
}
