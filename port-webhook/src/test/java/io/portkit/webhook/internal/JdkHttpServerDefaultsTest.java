package io.portkit.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpServerDefaultsTest {
  private String nodelay;
  private String maxIdle;

  @BeforeEach
  void saveProperties() {
    nodelay = System.getProperty(JdkHttpServerDefaults.NODELAY);
    maxIdle = System.getProperty(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS);
  }

  @AfterEach
  void restoreProperties() {
    restore(JdkHttpServerDefaults.NODELAY, nodelay);
    restore(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS, maxIdle);
  }

  @Test
  void apply_unset_setsNodelayAndTheIdleConnectionBound() {
    System.clearProperty(JdkHttpServerDefaults.NODELAY);
    System.clearProperty(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS);

    JdkHttpServerDefaults.apply();

    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    assertThat(System.getProperty("sun.net.httpserver.maxIdleConnections")).isEqualTo("1024");
  }

  @Test
  void apply_setByTheApplication_keepsItsValues() {
    System.setProperty(JdkHttpServerDefaults.NODELAY, "false");
    System.setProperty(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS, "50");

    JdkHttpServerDefaults.apply();

    assertThat(System.getProperty(JdkHttpServerDefaults.NODELAY)).isEqualTo("false");
    assertThat(System.getProperty(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS)).isEqualTo("50");
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
