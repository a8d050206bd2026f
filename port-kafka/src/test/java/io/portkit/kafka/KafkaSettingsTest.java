package io.portkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  private static final Map<String, String> PORT_ENV =
      Map.of(
          "PORT_KAFKA_BROKERS", "b-1.example:9196,b-2.example:9196",
          "PORT_KAFKA_USERNAME", "org_abc",
          "PORT_KAFKA_PASSWORD", "s3cr3t\"pw",
          "PORT_ORG_ID", "org_abc");

  @Test
  void fromEnv_portSettings_defaultsToSaslSslScramTopicAndGroup() {
    KafkaSettings s = KafkaSettings.fromEnv(PORT_ENV);

    Properties p = s.consumerProperties();
    assertThat(s.topic()).isEqualTo("org_abc.runs");
    assertThat(s.groupId()).isEqualTo("org_abc.portkit");
    assertThat(p.getProperty("bootstrap.servers")).isEqualTo("b-1.example:9196,b-2.example:9196");
    assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
    assertThat(p.getProperty("sasl.jaas.config"))
        .isEqualTo(
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"org_abc\" password=\"s3cr3t\\\"pw\";");
    assertThat(p.getProperty("enable.auto.commit")).isEqualTo("false");
    assertThat(p.getProperty("group.id")).isEqualTo("org_abc.portkit");
  }

  @Test
  void fromEnv_selfHostedOverrides_useThemAndExtraProperties() {
    KafkaSettings s =
        KafkaSettings.fromEnv(
            Map.of(
                "PORT_KAFKA_BROKERS", "localhost:9092",
                "PORT_KAFKA_TOPIC", "custom.runs",
                "PORT_KAFKA_GROUP_ID", "org_abc.workers",
                "PORT_KAFKA_SECURITY_PROTOCOL", "SSL",
                "PORT_KAFKA_PROP_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks"));

    Properties p = s.consumerProperties();
    assertThat(s.topic()).isEqualTo("custom.runs");
    assertThat(s.groupId()).isEqualTo("org_abc.workers");
    assertThat(p.getProperty("security.protocol")).isEqualTo("SSL");
    assertThat(p.getProperty("ssl.truststore.location")).isEqualTo("/etc/kafka/truststore.jks");
    assertThat(p.getProperty("sasl.jaas.config")).isNull();
  }

  @Test
  void fromEnv_nothingSet_namesEveryMissingVariable() {
    assertThatThrownBy(() -> KafkaSettings.fromEnv(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Kafka settings missing: PORT_KAFKA_BROKERS, PORT_ORG_ID (or both"
                + " PORT_KAFKA_TOPIC and PORT_KAFKA_GROUP_ID); Port support gives you the brokers,"
                + " username, password and your org id");
  }

  @Test
  void fromEnv_saslWithoutCredentials_failsNamingTheVariables() {
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnv(
                    Map.of("PORT_KAFKA_BROKERS", "b:9196", "PORT_ORG_ID", "org_abc")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "security protocol SASL_SSL needs credentials: set PORT_KAFKA_USERNAME and"
                + " PORT_KAFKA_PASSWORD (or PORT_KAFKA_SECURITY_PROTOCOL=PLAINTEXT for a local broker)");
  }

  @Test
  void fromEnv_usernameWithoutPassword_failsSayingTheyGoTogether() {
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnv(
                    Map.of(
                        "PORT_KAFKA_BROKERS",
                        "b:9196",
                        "PORT_ORG_ID",
                        "o",
                        "PORT_KAFKA_USERNAME",
                        "u")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Kafka username and password go together: set both PORT_KAFKA_USERNAME and"
                + " PORT_KAFKA_PASSWORD, or neither for an unauthenticated broker");
  }

  @Test
  void builder_missingTopic_failsNamingTheFix() {
    assertThatThrownBy(() -> KafkaSettings.builder().brokers("b:1").groupId("g").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("topic required: call topic(...) or set PORT_KAFKA_TOPIC");
  }

  @Test
  void toString_hidesPassword() {
    assertThat(KafkaSettings.fromEnv(PORT_ENV).toString())
        .isEqualTo(
            "KafkaSettings[brokers=b-1.example:9196,b-2.example:9196, topic=org_abc.runs,"
                + " groupId=org_abc.portkit, securityProtocol=SASL_SSL, saslMechanism=SCRAM-SHA-512,"
                + " username=org_abc, password=***, extra=[]]")
        .doesNotContain("s3cr3t");
  }
}
