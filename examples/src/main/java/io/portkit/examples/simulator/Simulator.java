package io.portkit.examples.simulator;

import static java.util.Objects.requireNonNull;

/**
 * Plays a {@link SimulationPlan} against a {@link SimulationListener}, waiting through a {@link
 * Pause} before each step.
 *
 * <p>Thread-safe: it holds no state besides the pause, so one instance can play several plans at
 * once on different threads.
 *
 * <pre>{@code
 * SimulationPlan plan = SimulationPlan.generate(seed, SimulationSpeed.FAST);
 * new Simulator(Pause.sleeping()).play(plan, listener);
 * }</pre>
 */
public final class Simulator {

  private final Pause pause;

  /**
   * Creates a simulator that waits through {@code pause}.
   *
   * @param pause how to wait between steps; {@link Pause#sleeping()} outside tests; never null
   */
  public Simulator(Pause pause) {
    this.pause = requireNonNull(pause, "pause == null");
  }

  /**
   * Plays every step of {@code plan} in order, calling {@link SimulationListener#phaseStarted} at
   * each phase change and finishing with {@link SimulationListener#succeeded}.
   *
   * @param plan the plan to play; never null
   * @param listener receives the reports; never null
   * @throws InterruptedException if the thread is interrupted; checked before every step and while
   *     pausing, so no step is reported after the interrupt is seen
   * @throws RuntimeException whatever {@code listener} throws, unchanged; later steps are skipped
   */
  public void play(SimulationPlan plan, SimulationListener listener) throws InterruptedException {
    requireNonNull(plan, "plan == null");
    requireNonNull(listener, "listener == null");
    Phase current = null;
    for (SimulationStep step : plan.steps()) {
      if (Thread.interrupted()) {
        throw new InterruptedException("simulation of " + plan.resourceName() + " interrupted");
      }
      if (step.phase() != current) {
        current = step.phase();
        listener.phaseStarted(current);
      }
      if (!step.delay().isZero()) {
        pause.pause(step.delay());
      }
      report(step, listener);
    }
  }

  private static void report(SimulationStep step, SimulationListener listener) {
    switch (step.kind()) {
      case LOG -> listener.log(step.text());
      case LABEL -> listener.statusLabel(step.text());
      case LINK -> listener.link(step.text());
      case SUMMARY -> listener.succeeded(step.text());
    }
  }
}
