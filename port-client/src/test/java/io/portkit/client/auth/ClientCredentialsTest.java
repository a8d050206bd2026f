package io.portkit.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {
  @Test
  void fromEnv_bothSet_readsThem() {
    ClientCredentials c =
        ClientCredentials.fromEnv(Map.of("PORT_CLIENT_ID", "id-1", "PORT_CLIENT_SECRET", "s3cr3t"));

    assertThat(c.clientId()).isEqualTo("id-1");
    assertThat(c.clientSecret()).isEqualTo("s3cr3t");
  }

  @Test
  void fromEnv_idMissing_namesIt() {
    assertThatThrownBy(() -> ClientCredentials.fromEnv(Map.of("PORT_CLIENT_SECRET", "s3cr3t")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("environment variable PORT_CLIENT_ID is not set: set it to the Port client id");
  }

  @Test
  void fromEnv_secretBlank_namesIt() {
    assertThatThrownBy(
            () ->
                ClientCredentials.fromEnv(
                    Map.of("PORT_CLIENT_ID", "id-1", "PORT_CLIENT_SECRET", " ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "environment variable PORT_CLIENT_SECRET is not set:"
                + " set it to the Port client secret");
  }

  @Test
  void fromEnv_bothMissing_namesBoth() {
    assertThatThrownBy(() -> ClientCredentials.fromEnv(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "environment variables PORT_CLIENT_ID and PORT_CLIENT_SECRET are not set:"
                + " set them to the Port client id and secret");
  }

  @Test
  void toString_masksSecret() {
    ClientCredentials c = new ClientCredentials("id-1", "s3cr3t");

    assertThat(c.toString()).isEqualTo("ClientCredentials[clientId=id-1, clientSecret=***]");
  }

  @Test
  void constructor_blankSecret_throws() {
    assertThatThrownBy(() -> new ClientCredentials("id", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientSecret is blank: pass the Port client secret");
  }
}
