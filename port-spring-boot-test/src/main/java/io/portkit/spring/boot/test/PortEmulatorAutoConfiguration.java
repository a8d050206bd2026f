package io.portkit.spring.boot.test;

import io.portkit.spring.boot.PortConnectionDetails;
import io.portkit.spring.boot.PortkitAutoConfiguration;
import io.portkit.spring.boot.PortkitProperties;
import io.portkit.testkit.PortEmulator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The emulator, its {@link PortConnectionDetails} and an {@link EmulatedPort}; imported by {@link
 * AutoConfigurePortEmulator}. Each bean backs off when the test declares its own (for example a
 * {@code PortEmulator} built with a fixed seed or faults).
 */
@AutoConfiguration(before = PortkitAutoConfiguration.class)
public class PortEmulatorAutoConfiguration {
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  PortEmulator portEmulator() {
    return PortEmulator.start();
  }

  @Bean
  @ConditionalOnMissingBean
  PortConnectionDetails portEmulatorConnectionDetails(PortEmulator emulator) {
    return new PortEmulatorConnectionDetails(emulator);
  }

  @Bean
  @ConditionalOnMissingBean
  EmulatedPort emulatedPort(
      PortEmulator emulator, PortkitProperties properties, Environment environment) {
    return new EmulatedPort(emulator, properties, environment);
  }
}
