package io.portkit.micrometer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.portkit.client.Sleeper;
import java.time.Duration;

/**
 * A {@link Sleeper} that records each retry wait of the Port client in {@code
 * portkit.port.api.retry.waits}, tagged {@code reason=rate_limit} when the answer before it was a
 * 429 (the wait Port asked for) and {@code backoff} otherwise; a wait for the rate-limit budget
 * before sending goes to {@code portkit.port.api.rate.limit.holds}. Thread-safe.
 */
public final class MeteredSleeper implements Sleeper {
  private final Sleeper delegate;
  private final Timer rateLimit;
  private final Timer backoff;
  private final Timer budget;

  /** Wraps {@code delegate}, recording into {@code registry} with {@code common} tags. */
  public MeteredSleeper(Sleeper delegate, MeterRegistry registry, Tags common) {
    this.delegate = delegate;
    this.rateLimit = timer(registry, common, "rate_limit");
    this.backoff = timer(registry, common, "backoff");
    this.budget =
        Timer.builder("portkit.port.api.rate.limit.holds")
            .description(
                "Time a call to Port's API waited for the rate-limit budget before it was sent")
            .tags(common)
            .register(registry);
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

  @Override
  public void sleepForBudget(Duration duration) throws InterruptedException {
    budget.record(duration);
    delegate.sleepForBudget(duration);
  }
}
