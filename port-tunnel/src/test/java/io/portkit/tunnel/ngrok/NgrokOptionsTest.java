package io.portkit.tunnel.ngrok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NgrokOptionsTest {
  private static final String TOKEN = "2abcSECRETtoken_0123456789";

  @Test
  void fromEnv_noAuthtoken_explainsWhereToGetOne() {
    assertThatThrownBy(() -> NgrokOptions.fromEnv(Map.of("NGROK_AUTHTOKEN", " ")))
        .isInstanceOfSatisfying(
            TunnelException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHTOKEN_MISSING))
        .hasMessage(
            "no ngrok authtoken: set NGROK_AUTHTOKEN (copy it from"
                + " https://dashboard.ngrok.com/get-started/your-authtoken) or pass one to"
                + " NgrokOptions.builder().authtoken(...)");
  }

  @Test
  void fromEnv_allVariables_readsThem() {
    NgrokOptions options =
        NgrokOptions.fromEnv(
            Map.of(
                "NGROK_AUTHTOKEN",
                TOKEN,
                "NGROK_DOMAIN",
                "demo.ngrok.app",
                "NGROK_EDGE",
                "team=payments"));

    assertThat(options.authtoken()).isEqualTo(TOKEN);
    assertThat(options.domain()).isEqualTo("demo.ngrok.app");
    assertThat(options.usesEdge()).isTrue();
    assertThat(options.edgeLabelKey()).isEqualTo("team");
    assertThat(options.edgeLabelValue()).isEqualTo("payments");
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void toString_always_hidesAuthtoken() {
    NgrokOptions options = NgrokOptions.builder().authtoken(TOKEN).domain("demo.ngrok.app").build();

    assertThat(options.toString())
        .isEqualTo("NgrokOptions[authtoken=***, domain=demo.ngrok.app, connectTimeout=PT20S]");
  }

  @Test
  void build_edgeWithoutDomain_asksForDomain() {
    assertThatThrownBy(() -> NgrokOptions.builder().authtoken(TOKEN).edge("edghts_1").build())
        .isInstanceOf(TunnelException.class)
        .hasMessage(
            "an edge needs its domain too, because ngrok does not report the public URL"
                + " of a labeled tunnel: set NGROK_DOMAIN to the edge's hostname");
  }

  @Test
  void domain_withScheme_rejected() {
    assertThatThrownBy(() -> NgrokOptions.builder().domain("https://demo.ngrok.app"))
        .isInstanceOf(TunnelException.class)
        .hasMessage(
            "domain must be a bare host name such as demo.ngrok.app (no scheme, port or"
                + " path): https://demo.ngrok.app");
  }

  @Test
  void edge_emptyValue_rejected() {
    assertThatThrownBy(() -> NgrokOptions.builder().edge("edge="))
        .isInstanceOf(TunnelException.class)
        .hasMessage("edge label needs a key and a value, for example edge=edghts_2abc: edge=");
  }

  @Test
  void connectTimeout_zero_rejected() {
    assertThatThrownBy(() -> NgrokOptions.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be positive: PT0S");
  }
}
