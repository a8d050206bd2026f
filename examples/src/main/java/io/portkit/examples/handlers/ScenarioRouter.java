package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortException;
import io.portkit.client.run.RunContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the handler for a run by its action and makes sure an unexpected failure still ends the
 * run: the handler's exception becomes FAILURE with a summary naming it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScenarioRouter {
  private static final Logger log = LoggerFactory.getLogger(ScenarioRouter.class);

  private final Map<String, ScenarioHandler> byAction;
  private final ScenarioHandler fallback;

  /**
   * Creates a router.
   *
   * @param byAction the handler of each action identifier (copied)
   * @param fallback the handler of every other action
   */
  public ScenarioRouter(Map<String, ScenarioHandler> byAction, ScenarioHandler fallback) {
    this.byAction = Map.copyOf(new LinkedHashMap<>(requireNonNull(byAction, "byAction == null")));
    this.fallback = requireNonNull(fallback, "fallback == null");
  }

  /** Returns a router sending every action to {@code handler}. */
  public static ScenarioRouter all(ScenarioHandler handler) {
    return new ScenarioRouter(Map.of(), handler);
  }

  /** Returns a router like this one that sends {@code action} to {@code handler}. */
  public ScenarioRouter with(String action, ScenarioHandler handler) {
    Map<String, ScenarioHandler> next = new LinkedHashMap<>(byAction);
    next.put(requireNonNull(action, "action == null"), requireNonNull(handler, "handler == null"));
    return new ScenarioRouter(next, fallback);
  }

  /** Returns the handler for {@code action}. */
  public ScenarioHandler handlerFor(String action) {
    return byAction.getOrDefault(requireNonNull(action, "action == null"), fallback);
  }

  /**
   * Runs the handler for the request's action. If it throws, the run is failed (when it is not
   * finished yet) with a summary naming the failure, and the exception is not rethrown.
   *
   * @throws InterruptedException if the handler was interrupted, in a pause or in a Port call; the
   *     run is left unfinished
   */
  public void handle(RunInvocation request, RunContext run) throws InterruptedException {
    requireNonNull(request, "request == null");
    requireNonNull(run, "run == null");
    try {
      handlerFor(request.actionIdentifier().orElse("")).handle(request, run);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // A Port call cut short by the dispatcher's interrupt (timeout, shutdown): the designed
        // path, which the dispatcher reports itself; not a handler failure to log with its trace.
        InterruptedException interrupted =
            new InterruptedException("run " + request.runId() + " interrupted during a Port call");
        interrupted.initCause(e);
        throw interrupted;
      }
      log.error(
          "handler for run {} (action {}) failed",
          request.runId(),
          request.actionIdentifier().orElse(""),
          e);
      failQuietly(run, "Backend error: " + describe(e));
    }
  }

  private static void failQuietly(RunContext run, String summary) {
    if (run.isFinished()) {
      return;
    }
    try {
      run.fail(summary);
    } catch (PortException e) {
      log.error("could not report the failure of run {}", run.runId(), e);
    }
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
