package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;

/**
 * The backend's code for one action: does the work of a run and reports on it through the {@link
 * RunContext}.
 *
 * <pre>{@code
 * RunHandler deploy = (run, ctx) -> {
 *   ctx.log("deploying " + run.inputs().path("version").asText());
 *   ctx.addLink("https://ci.example.com/build/42");
 *   // returning means SUCCESS; throwing means FAILURE with the exception as the summary
 * };
 * }</pre>
 *
 * <p>Contract, enforced by {@link RunDispatcher}:
 *
 * <ul>
 *   <li>Returning normally ends the run with SUCCESS, unless the handler already ended it with
 *       {@link RunContext#succeed} or {@link RunContext#fail}.
 *   <li>Throwing ends it with FAILURE and a summary built from the exception's class and message,
 *       so never put a secret in an exception message.
 *   <li>Running past the dispatcher's timeout ends it with FAILURE and interrupts the handler's
 *       thread: long handlers should let {@link InterruptedException} propagate.
 * </ul>
 *
 * <p>One handler instance serves many runs concurrently, each on its own thread: it must be
 * thread-safe.
 */
@FunctionalInterface
public interface RunHandler {
  /**
   * Executes one run.
   *
   * @param run what Port sent: run id, action, inputs, entity, trigger, and {@link
   *     RunInvocation#details()} for anything else
   * @param ctx the run's reporter: logs, status label, links, summary, entities tied to the run,
   *     final status
   * @throws Exception any failure; the run is reported FAILURE with it as the summary
   */
  void handle(RunInvocation run, RunContext ctx) throws Exception;
}
