package io.portkit.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpServerDefaultsTest {
  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void saveProperties() {
    JdkHttpServerDefaults.values().keySet().forEach(k -> saved.put(k, System.getProperty(k)));
  }

  @AfterEach
  void restoreProperties() {
    saved.forEach(JdkHttpServerDefaultsTest::restore);
  }

  @Test
  void apply_unset_setsEveryBound() {
    JdkHttpServerDefaults.values().keySet().forEach(System::clearProperty);

    JdkHttpServerDefaults.apply();

    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    assertThat(System.getProperty("sun.net.httpserver.maxIdleConnections")).isEqualTo("2048");
    assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("10");
    assertThat(System.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo("60");
    assertThat(System.getProperty("sun.net.httpserver.maxReqHeaders")).isEqualTo("100");
    assertThat(System.getProperty("sun.net.httpserver.maxReqHeaderSize")).isEqualTo("32768");
    assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo("2048");
  }

  @Test
  void apply_setByTheApplication_keepsItsValues() {
    System.setProperty(JdkHttpServerDefaults.NODELAY, "false");
    System.setProperty(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS, "50");
    System.setProperty(JdkHttpServerDefaults.MAX_REQ_TIME, "3");

    JdkHttpServerDefaults.apply();

    assertThat(System.getProperty(JdkHttpServerDefaults.NODELAY)).isEqualTo("false");
    assertThat(System.getProperty(JdkHttpServerDefaults.MAX_IDLE_CONNECTIONS)).isEqualTo("50");
    assertThat(System.getProperty(JdkHttpServerDefaults.MAX_REQ_TIME)).isEqualTo("3");
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
