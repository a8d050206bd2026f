package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.AutomationEvent;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;

/**
 * The backend's code for one automation: handles the run Port started for an event (an entity
 * created, updated, deleted, a timer that expired, a run created or updated).
 *
 * <pre>{@code
 * builder.automation("notify_on_delete", (event, run, ctx) -> {
 *   String entity = event.entityIdentifier().orElseThrow();
 *   ctx.log("entity " + entity + " was deleted: " + event.kind());
 * });
 * }</pre>
 *
 * <p>An automation's run is a run: the contract of {@link RunHandler} holds (return = SUCCESS,
 * throw = FAILURE, the timeout, exactly one final status), and the dispatcher's duplicate memory
 * and journal cover it. A handler that writes the entity its automation watches can start the
 * automation again: make the write conditional, or give the automation a {@code condition} that the
 * handler's own write does not meet.
 */
@FunctionalInterface
public interface AutomationHandler {
  /**
   * Executes one automation run.
   *
   * @param event the event that started the run
   * @param run what Port sent
   * @param ctx the run's reporter
   * @throws Exception any failure; the run is reported FAILURE with it as the summary
   */
  void handle(AutomationEvent event, RunInvocation run, RunContext ctx) throws Exception;

  /** Adapts {@code handler}: a run whose body carries no event fails, saying how to send one. */
  static RunHandler asRunHandler(String automationId, AutomationHandler handler) {
    return (run, ctx) -> {
      AutomationEvent event =
          run.event()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "run "
                              + run.runId()
                              + " of automation "
                              + automationId
                              + " carries no event: add \"event\": \"{{ .event }}\" to the"
                              + " automation's invocationMethod.body (portkit's recommended body"
                              + " has it)"));
      handler.handle(event, run, ctx);
    };
  }
}
