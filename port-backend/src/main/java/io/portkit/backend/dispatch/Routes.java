package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortApiException;
import io.portkit.client.run.ActionRun;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the {@link Route} for a run by action identifier. When the body does not name the action
 * (a minimal webhook), the run's details are fetched from Port to find it, unless only a default
 * handler is registered. Immutable and thread-safe.
 */
final class Routes {
  static final String DEFAULT = "*";

  private final Map<String, Route> byAction;
  private final Map<String, Route> byNode;
  private final Route fallback;
  private final String registered;

  Routes(Map<String, Route> byAction, Map<String, Route> byNode, Route fallback) {
    this.byAction = Map.copyOf(byAction);
    this.byNode = Map.copyOf(byNode);
    this.fallback = fallback;
    this.registered = new TreeSet<>(byAction.keySet()).toString();
  }

  /**
   * Returns the route for {@code run}: its action's, else the default, else one that fails the run
   * with "no handler".
   *
   * @throws RuntimeException when the action has to be looked up in Port and that fails
   */
  Route resolve(RunInvocation run) {
    if (WorkflowNodes.isNodeRunId(run.runId())) {
      return resolveNode(run);
    }
    if (byAction.isEmpty()) {
      return fallback != null ? fallback : noHandler("(unknown)");
    }
    String action = run.actionIdentifier().orElseGet(() -> actionFromDetails(run));
    Route route = byAction.get(action);
    if (route != null) {
      return route;
    }
    return fallback != null ? fallback : noHandler(action);
  }

  /**
   * Returns the route registered under {@code action} ({@link #DEFAULT} for the default handler),
   * or null when there is none now; used to recover journaled runs.
   */
  @Nullable Route named(String action) {
    if (action.startsWith(WorkflowNodes.ROUTE_PREFIX)) {
      return byNode.get(action.substring(WorkflowNodes.ROUTE_PREFIX.length()));
    }
    return DEFAULT.equals(action) ? fallback : byAction.get(action);
  }

  /**
   * A node run goes to its node's handler, else the default handler; there is no Port route that
   * reads one node run, so a body that names no node cannot be looked up.
   */
  private Route resolveNode(RunInvocation run) {
    String node = WorkflowNodes.nodeIdentifier(run);
    Route route = node == null ? null : byNode.get(node);
    if (route != null) {
      return route;
    }
    if (fallback != null) {
      return fallback;
    }
    String name = node == null ? "(unnamed)" : node;
    return Route.ending(
        WorkflowNodes.ROUTE_PREFIX + name,
        Ending.noHandler(
            "workflow node", name, new TreeSet<>(byNode.keySet()).toString(), "workflowNode"));
  }

  private static String actionFromDetails(RunInvocation run) {
    JsonNode details = run.details();
    return ActionRun.fromJson(details)
        .actionIdentifier()
        .orElseThrow(() -> new NoActionException(run.runId()));
  }

  /**
   * Returns the refusal for a run {@link #resolve} could not route: non-retryable when delivering
   * it again cannot help (Port does not know the run, or names no action for it), else retryable
   * (Port unreachable, a 5xx, refused credentials: fixable on our side).
   */
  static DispatchOutcome refusal(String runId, RuntimeException e) {
    if (e instanceof PortApiException api && api.isNotFound()) {
      return DispatchOutcome.rejected(
          DispatchOutcome.Reason.UNKNOWN_RUN,
          "run "
              + runId
              + " is not known to Port (GET /v1/actions/runs/"
              + runId
              + " found nothing) and the body names no action, so it was not started: check that"
              + " the action's webhook points at this organization's backend, and add \"action\":"
              + " \"{{ .action.identifier }}\" to port_context in its body template");
    }
    if (e instanceof NoActionException) {
      return DispatchOutcome.rejected(
          DispatchOutcome.Reason.UNKNOWN_RUN,
          "run "
              + runId
              + " names no action, in the body or in Port, so it was not started: add \"action\":"
              + " \"{{ .action.identifier }}\" to port_context in the action's body template");
    }
    return DispatchOutcome.rejected(
        DispatchOutcome.Reason.ROUTING_FAILED,
        "cannot route run "
            + runId
            + ": the body names no action and looking the run up in Port failed ("
            + e.getMessage()
            + "); add \"action\": \"{{ .action.identifier }}\" to port_context in the action's body"
            + " template, or check the Port credentials");
  }

  /** Port knows the run but names no action for it. */
  private static final class NoActionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoActionException(String runId) {
      super("run " + runId + " names no action, in the body or in Port");
    }
  }

  private Route noHandler(String action) {
    return Route.ending(action, Ending.noHandler(action, registered));
  }
}
