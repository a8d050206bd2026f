package io.portkit.spring.boot;

import io.portkit.client.Sleeper;
import java.net.http.HttpClient;

/**
 * Wraps or replaces the HTTP client and the retry sleeper the Port client uses (a proxy, TLS,
 * instrumentation). The Micrometer auto-configuration contributes one. Applied in {@code @Order}.
 */
public interface PortClientCustomizer {
  /** Returns the HTTP client to use instead of {@code http}; default {@code http}. */
  default HttpClient customize(HttpClient http) {
    return http;
  }

  /** Returns the sleeper to use instead of {@code sleeper}; default {@code sleeper}. */
  default Sleeper customize(Sleeper sleeper) {
    return sleeper;
  }
}
