package io.portkit.backend.dispatch;

import java.util.List;

/**
 * Watches what a backend does with the runs delivered to it, for metrics: each run that ended, and
 * each delivery refused before a handler started. {@code port-micrometer} implements it; register
 * one with {@code PortBackend.builder().listener(...)} or {@link RunDispatcher.Builder#listener}.
 *
 * <pre>{@code
 * RunListener audit = new RunListener() {
 *   @Override
 *   public void runEnded(EndedRun run) {
 *     stats.record(run.action(), run.result(), run.duration());
 *   }
 * };
 * }</pre>
 *
 * <p>Called on portkit's threads (the delivering thread, a handler's thread, the timeout or the
 * shutdown thread), so implementations must be thread-safe and quick. What one throws is logged at
 * WARN and ignored: a listener never changes how a run ends. Nothing passed to it holds a secret,
 * an input or a body.
 */
public interface RunListener {
  /** A listener that does nothing. */
  RunListener NONE = new RunListener() {};

  /**
   * Returns one listener calling each of {@code listeners} in order; what one throws is logged and
   * does not reach the others.
   */
  static RunListener all(List<? extends RunListener> listeners) {
    return RunListeners.of(List.copyOf(listeners));
  }

  /**
   * Called once for each run the dispatcher took, after its final status was reported (or, for a
   * synchronized action, handed to the host as the answer). A run handed off to another system is
   * counted when its hand-off ends, with kind {@link EndedRun.Kind#HANDED_OFF}.
   *
   * @param run the action, how the run came in, how it ended and how long it took
   */
  default void runEnded(EndedRun run) {}

  /**
   * Called for each delivery refused before any handler started: by the dispatcher (duplicate,
   * capacity, shutdown, journal, routing), by the verifier (signature, tolerance) or by a host
   * (body).
   *
   * @param rejection why
   */
  default void intakeRejected(IntakeRejection rejection) {}
}
