package io.portkit.examples.handlers;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;

/**
 * Does the work of one action run and reports it through {@code run}.
 *
 * <p>Implementations end the run exactly once ({@link RunContext#succeed} or {@link
 * RunContext#fail}) for every outcome they expect, including bad input. Implementations must be
 * thread-safe: runs of the same action may be handled at the same time.
 */
@FunctionalInterface
public interface ScenarioHandler {

  /**
   * Handles the run.
   *
   * @throws InterruptedException if the thread is interrupted (for example at shutdown); the run is
   *     then left for the caller to finish
   * @throws RuntimeException for an unexpected failure; {@link ScenarioRouter#handle} then fails
   *     the run with a summary naming it
   */
  void handle(RunInvocation request, RunContext run) throws InterruptedException;
}
