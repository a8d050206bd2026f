package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;
import io.portkit.examples.simulator.Pause;
import io.portkit.examples.simulator.SimulationListener;
import io.portkit.examples.simulator.SimulationPlan;
import io.portkit.examples.simulator.SimulationSpeed;
import io.portkit.examples.simulator.Simulator;

/**
 * Plays a simulated provisioning run (the proof of concept's simulator): log lines, status labels,
 * two links, then SUCCESS with a summary. The plan is generated from the run id, so the same run
 * always plays the same way. Thread-safe.
 */
public final class SimulatorHandler implements ScenarioHandler {
  private final SimulationSpeed speed;
  private final Simulator simulator;

  /**
   * Creates the handler.
   *
   * @param speed real delays (seconds per step) or fast ones (milliseconds)
   * @param pause how to wait between steps; {@link Pause#sleeping()} outside tests
   */
  public SimulatorHandler(SimulationSpeed speed, Pause pause) {
    this.speed = requireNonNull(speed, "speed == null");
    this.simulator = new Simulator(requireNonNull(pause, "pause == null"));
  }

  @Override
  public void handle(RunInvocation request, RunContext run) throws InterruptedException {
    SimulationPlan plan = SimulationPlan.generate(request.runId().hashCode(), speed);
    simulator.play(
        plan,
        new SimulationListener() {
          @Override
          public void log(String message) {
            run.log(message);
          }

          @Override
          public void statusLabel(String label) {
            run.statusLabel(label);
          }

          @Override
          public void link(String url) {
            run.addLink(url);
          }

          @Override
          public void succeeded(String summary) {
            run.succeed(summary);
          }
        });
  }
}
