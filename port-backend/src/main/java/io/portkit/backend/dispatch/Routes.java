package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.invocation.RunInvocation;
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
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "run " + run.runId() + " names no action, in the body or in Port"));
  }

  private Route noHandler(String action) {
    return Route.ending(action, Ending.noHandler(action, registered));
  }
}
