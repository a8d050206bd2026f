package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;

/**
 * A {@link RunHandler} that receives the run's inputs bound to a type of its own, usually a record
 * ({@link RunInvocation#inputs(Class)} says how inputs map to components).
 *
 * <pre>{@code
 * record RestartInputs(String service, int durationMinutes) {}
 *
 * builder.handle("restart_service", RestartInputs.class, (inputs, run, ctx) -> {
 *   ctx.log("restarting " + inputs.service() + " for " + inputs.durationMinutes() + " min");
 * });
 * }</pre>
 *
 * <p>Inputs that do not bind end the run FAILURE before the handler is called, with a summary
 * naming the input and what was wrong; so does an {@link IllegalArgumentException} from the
 * record's compact constructor. Otherwise the contract of {@link RunHandler} holds.
 *
 * @param <T> the type the inputs bind to
 */
@FunctionalInterface
public interface TypedRunHandler<T> {
  /**
   * Executes one run.
   *
   * @param inputs the run's inputs, bound
   * @param run what Port sent
   * @param ctx the run's reporter
   * @throws Exception any failure; the run is reported FAILURE with it as the summary
   */
  void handle(T inputs, RunInvocation run, RunContext ctx) throws Exception;
}
