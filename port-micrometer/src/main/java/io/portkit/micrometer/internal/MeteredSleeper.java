package io.portkit.micrometer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.portkit.client.Sleeper;
import java.time.Duration;

/**
 * A {@link Sleeper} that records each retry wait of the Port client in {@code
 * portkit.port.api.retry.waits}, tagged {@code reason=rate_limit} when the answer before it was a
 * 429 (the wait Port asked for) and {@code backoff} otherwise. Thread-safe.
 */
public final class MeteredSleeper implements Sleeper {
  private final Sleeper delegate;
  private final Timer rateLimit;
  private final Timer backoff;

  /** Wraps {@code delegate}, recording into {@code registry} with {@code common} tags. */
  public MeteredSleeper(Sleeper delegate, MeterRegistry registry, Tags common) {
    this.delegate = delegate;
    this.rateLimit = timer(registry, common, "rate_limit");
    this.backoff = timer(registry, common, "backoff");
  }

  private static Timer timer(MeterRegistry registry, Tags common, String reason) {
    return Timer.builder("portkit.port.api.retry.waits")
        .description("Time the Port client waited before retrying a request")
        .tags(common)
        .tag("reason", reason)
        .register(registry);
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    (MeteredHttpClient.lastStatus() == 429 ? rateLimit : backoff).record(duration);
    delegate.sleep(duration);
  }
}
