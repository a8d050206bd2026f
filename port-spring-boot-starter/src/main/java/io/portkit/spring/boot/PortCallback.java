package io.portkit.spring.boot;

import io.portkit.backend.callback.HandOffCallback;
import java.util.Objects;

/**
 * A hand-off callback to serve next to Port's webhook: declare one as a bean and the starter routes
 * {@code POST path} to it, completing the backend's hand-offs (see {@code docs/webhooks.md},
 * "Hand-off callbacks").
 *
 * <pre>{@code
 * @Bean
 * PortCallback ciCallback() {
 *   return new PortCallback("/callbacks/ci", HandOffCallback.builder("ci")
 *       .verifier(CallbackVerifier.builder().signatureHeader("X-Hub-Signature-256")
 *           .prefix("sha256=").secret(ciSecret).build())
 *       .mapper(body -> ...)
 *       .build());
 * }
 * }</pre>
 *
 * @param path the path, as {@code portkit.webhook.path} is given (before the servlet path)
 * @param callback the callback
 */
public record PortCallback(String path, HandOffCallback callback) {
  /** Validates the components. */
  public PortCallback {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(callback, "callback == null");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a callback path starts with /: " + path);
    }
  }
}
