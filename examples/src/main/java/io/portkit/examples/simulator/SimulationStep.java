package io.portkit.examples.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One step of a simulated run: wait {@code delay}, then report {@code text} as {@code kind} during
 * {@code phase}.
 *
 * @param phase the phase the step belongs to; never null
 * @param kind what to report; never null
 * @param delay how long to wait before reporting; never null or negative
 * @param text the log line, label, link URL or summary; never null or blank
 */
public record SimulationStep(Phase phase, Kind kind, Duration delay, String text) {

  /** What a step reports; each maps to one call on {@link SimulationListener}. */
  public enum Kind {
    /** A log line. */
    LOG,
    /** A short status label. */
    LABEL,
    /** A link to something the run created. */
    LINK,
    /** The final summary; always the last step. */
    SUMMARY
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if {@code delay} is negative or {@code text} is blank
   */
  public SimulationStep {
    requireNonNull(phase, "phase == null");
    requireNonNull(kind, "kind == null");
    requireNonNull(delay, "delay == null");
    requireNonNull(text, "text == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay < 0: " + delay);
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("text is blank for a " + kind + " step in " + phase);
    }
  }
}
