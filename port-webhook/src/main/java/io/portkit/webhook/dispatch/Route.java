package io.portkit.webhook.dispatch;

/**
 * Where a run goes: its handler and whether its action is synchronized. Immutable.
 *
 * @param action the action identifier the route serves, or {@code *} for the default handler
 * @param handler the handler
 * @param sync whether the action is synchronized (the answer carries the result)
 * @param refusal for the "no handler" route, how the run ends; null for real handlers
 */
record Route(String action, RunHandler handler, boolean sync, Ending refusal) {
  static Route of(String action, RunHandler handler, boolean sync) {
    return new Route(action, handler, sync, null);
  }
}
