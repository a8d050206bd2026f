package io.portkit.examples.simulator;

/**
 * Receives what a {@link Simulator} reports while it plays a plan; a handler forwards each call to
 * the run's reporter (log, status label, link, final success).
 *
 * <p>Calls come from the thread running {@link Simulator#play}, one at a time, in plan order. An
 * exception thrown here stops the simulation and propagates to the caller of {@code play}.
 */
public interface SimulationListener {

  /**
   * Called when the run enters a new phase, before that phase's first step.
   *
   * @param phase the phase being entered; never null
   */
  default void phaseStarted(Phase phase) {}

  /**
   * Reports a log line.
   *
   * @param message the line; never null
   */
  void log(String message);

  /**
   * Reports a short status label.
   *
   * @param label the label; never null
   */
  void statusLabel(String label);

  /**
   * Reports a link to something the run created.
   *
   * @param url an absolute URL; never null
   */
  void link(String url);

  /**
   * Reports the final summary; the run succeeded. Called once, last.
   *
   * @param summary the summary; never null
   */
  void succeeded(String summary);
}
