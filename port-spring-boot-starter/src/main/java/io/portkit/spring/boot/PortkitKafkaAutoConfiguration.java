package io.portkit.spring.boot;

import io.portkit.kafka.KafkaRunConsumer;
import io.portkit.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * With {@code portkit.transport=kafka}: consumes Port's {@code ORG_ID.runs} topic with {@code
 * port-kafka}'s {@link KafkaRunConsumer}, started with the application and closed before the
 * backend drains its runs. Settings from {@code portkit.kafka.*}, else the {@code PORT_KAFKA_*}
 * variables.
 */
@AutoConfiguration(before = PortkitAutoConfiguration.class)
@ConditionalOnClass(KafkaRunConsumer.class)
@ConditionalOnBooleanProperty(name = "portkit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortkitProperties.class)
@ConditionalOnProperty(name = "portkit.transport", havingValue = "kafka")
public class PortkitKafkaAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  KafkaSettings portkitKafkaSettings(PortkitProperties properties, Environment env) {
    PortkitProperties.Kafka k = properties.kafka();
    Map<String, String> vars = new HashMap<>();
    put(vars, KafkaSettings.ENV_BROKERS, k.brokers(), env);
    put(vars, KafkaSettings.ENV_ORG_ID, k.orgId(), env);
    put(vars, KafkaSettings.ENV_TOPIC, k.topic(), env);
    put(vars, KafkaSettings.ENV_GROUP_ID, k.groupId(), env);
    put(vars, KafkaSettings.ENV_USERNAME, k.username(), env);
    put(vars, KafkaSettings.ENV_PASSWORD, k.password(), env);
    put(vars, KafkaSettings.ENV_SECURITY_PROTOCOL, k.securityProtocol(), env);
    put(vars, KafkaSettings.ENV_SASL_MECHANISM, k.saslMechanism(), env);
    // Extra consumer properties the way fromEnv reads them: ssl.truststore.location is
    // PORT_KAFKA_PROP_SSL_TRUSTSTORE_LOCATION.
    k.properties()
        .forEach(
            (key, value) ->
                vars.put(
                    KafkaSettings.ENV_PROPERTY_PREFIX
                        + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT),
                    value));
    try {
      return KafkaSettings.fromEnv(vars);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new PortkitStartupException(
          "portkit.transport=kafka: " + e.getMessage(),
          "Set portkit.kafka.brokers and portkit.kafka.org-id (or portkit.kafka.topic and"
              + " portkit.kafka.group-id), and the SASL username and password Port gave you, or"
              + " the PORT_KAFKA_* environment variables.");
    }
  }

  @Bean
  @ConditionalOnMissingBean
  PortkitIntake portkitKafkaIntake(KafkaSettings settings) {
    return backend -> KafkaRunConsumer.builder().settings(settings).backend(backend).start();
  }

  private static void put(
      Map<String, String> vars, String name, @Nullable String property, Environment env) {
    String value = property != null ? property : env.getProperty(name);
    if (value != null && !value.isBlank()) {
      vars.put(name, value);
    }
  }
}
