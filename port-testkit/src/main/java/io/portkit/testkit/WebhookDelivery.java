package io.portkit.testkit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One webhook call the emulator made for a run, as shown on {@link EmulatedRun#deliveries()} and
 * under {@code /__emulator/runs}.
 *
 * @param url the rendered URL called
 * @param method the HTTP method
 * @param status the HTTP status answered, or 0 when no answer came (see {@code error})
 * @param millis how long the call took, in milliseconds
 * @param error why no answer came, or {@code null} when one did
 * @param at when the call was made (emulator clock)
 */
public record WebhookDelivery(
    String url, String method, int status, long millis, @Nullable String error, Instant at) {
  /** Validates the components. */
  public WebhookDelivery {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(at, "at == null");
  }

  /** Returns whether the receiver answered 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
