package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.testkit.PortEmulator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --transport kafka: settings errors; the consumer itself is tested in port-kafka. */
class ServeKafkaTest {
  @TempDir Path dir;
  private final PortEmulator emulator = PortEmulator.start();

  @AfterEach
  void close() {
    emulator.close();
  }

  @Test
  void serveKafka_noKafkaSettings_exits2NamingTheVariables() {
    Cli serve = new Cli(EmulatorFixtures.env(emulator), dir);

    int code = serve.run("serve", "--transport", "kafka");

    assertThat(code).as(serve.all()).isEqualTo(2);
    assertThat(serve.err.text().strip())
        .isEqualTo(
            "portkit: Kafka settings missing: PORT_KAFKA_BROKERS, PORT_ORG_ID (or both"
                + " PORT_KAFKA_TOPIC and PORT_KAFKA_GROUP_ID); Port support gives you the brokers,"
                + " username, password and your org id");
  }

  @Test
  void serveKafka_saslWithoutCredentials_exits2SayingWhatToSet() {
    Map<String, String> env = EmulatorFixtures.env(emulator);
    env.put("PORT_KAFKA_BROKERS", "127.0.0.1:9");
    env.put("PORT_ORG_ID", "org_test");
    Cli serve = new Cli(env, dir);

    int code = serve.run("serve", "--transport", "kafka");

    assertThat(code).as(serve.all()).isEqualTo(2);
    assertThat(serve.err.text().strip())
        .isEqualTo(
            "portkit: security protocol SASL_SSL needs credentials: set PORT_KAFKA_USERNAME"
                + " and PORT_KAFKA_PASSWORD (or PORT_KAFKA_SECURITY_PROTOCOL=PLAINTEXT for a local"
                + " broker)");
  }
}
