package io.portkit.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoTunnelTest {
  @Test
  void fromEnv_publicUrlSet_returnsIt() {
    NoTunnel tunnel =
        NoTunnel.fromEnv(Map.of("PORTKIT_PUBLIC_URL", "https://port-backend.example.com"));

    assertThat(tunnel.publicUrl()).isEqualTo(URI.create("https://port-backend.example.com"));
    assertThat(tunnel).hasToString("NoTunnel[publicUrl=https://port-backend.example.com]");
  }

  @Test
  void fromEnv_unset_explains() {
    assertThatThrownBy(() -> NoTunnel.fromEnv(Map.of()))
        .isInstanceOfSatisfying(
            TunnelException.class,
            e -> assertThat(e.reason()).isEqualTo(TunnelException.Reason.CONFIGURATION))
        .hasMessage(
            "PORTKIT_PUBLIC_URL is not set: set it to the URL at which Port reaches this"
                + " backend (for example https://port-backend.example.com), or use an ngrok tunnel");
  }

  @Test
  void fromEnv_invalidUri_explains() {
    assertThatThrownBy(() -> NoTunnel.fromEnv(Map.of("PORTKIT_PUBLIC_URL", "https://a b")))
        .isInstanceOf(TunnelException.class)
        .hasMessage("PORTKIT_PUBLIC_URL is not a valid URL: https://a b");
  }

  @Test
  void of_relativeUrl_rejected() {
    assertThatThrownBy(() -> NoTunnel.of(URI.create("port-backend.example.com")))
        .isInstanceOf(TunnelException.class)
        .hasMessage(
            "public URL must be an absolute http(s) URL with a host, for example"
                + " https://port-backend.example.com: port-backend.example.com");
  }

  @Test
  void none_open_returnsSameUrlAndCloseIsHarmless() {
    TunnelProvider provider = TunnelProvider.none(URI.create("https://ingress.example.com"));

    try (Tunnel tunnel = provider.open(8080)) {
      assertThat(tunnel.publicUrl()).isEqualTo(URI.create("https://ingress.example.com"));
      tunnel.close();
      assertThat(tunnel.publicUrl()).isEqualTo(URI.create("https://ingress.example.com"));
    }
  }
}
