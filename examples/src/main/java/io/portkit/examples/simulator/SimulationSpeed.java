package io.portkit.examples.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/** How long a simulated run takes: real provisioning delays (seconds) or near zero. */
public enum SimulationSpeed {
  /** Delays as in real provisioning: each step waits one or more seconds. */
  REAL(1),
  /** Each step waits a thousandth of its real delay (milliseconds), for demos and tests. */
  FAST(1000);

  private final long divisor;

  SimulationSpeed(long divisor) {
    this.divisor = divisor;
  }

  /**
   * Scales a real-world delay to this speed.
   *
   * @param realDelay the delay at {@link #REAL} speed; never null
   * @return {@code realDelay} for {@link #REAL}, a thousandth of it for {@link #FAST}
   */
  public Duration scale(Duration realDelay) {
    requireNonNull(realDelay, "realDelay == null");
    return realDelay.dividedBy(divisor);
  }

  /**
   * Parses a speed as typed by a user, ignoring case and surrounding spaces.
   *
   * @param text {@code "real"} or {@code "fast"}; never null
   * @return the speed
   * @throws IllegalArgumentException naming the accepted values when {@code text} is neither
   */
  public static SimulationSpeed parse(String text) {
    requireNonNull(text, "text == null");
    String normalized = text.strip().toUpperCase(Locale.ROOT);
    for (SimulationSpeed speed : values()) {
      if (speed.name().equals(normalized)) {
        return speed;
      }
    }
    throw new IllegalArgumentException(
        "unknown speed '" + text + "': use 'real' (seconds per step) or 'fast' (near zero)");
  }
}
