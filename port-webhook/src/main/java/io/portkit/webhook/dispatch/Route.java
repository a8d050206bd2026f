package io.portkit.webhook.dispatch;

/**
 * Where a run goes: its handler and whether its action is synchronized. Immutable.
 *
 * @param action the action identifier the route serves, or {@code *} for the default handler
 * @param handler the handler
 * @param sync whether the action is synchronized (the answer carries the result)
 * @param refusal for the "no handler" route, how the run ends; null for real handlers
 * @param resumable whether a run left unfinished by a crash may be run again at the next start
 */
record Route(String action, RunHandler handler, boolean sync, Ending refusal, boolean resumable) {
  static Route of(String action, RunHandler handler, boolean sync) {
    return new Route(action, handler, sync, null, false);
  }

  /** Returns this route marked safe to run again after a restart. */
  Route asResumable() {
    return new Route(action, handler, sync, refusal, true);
  }

  /** Returns a route that ends its run as {@code ending} without running user code. */
  static Route ending(String action, Ending ending) {
    return new Route(
        action,
        (run, ctx) -> {
          throw new EndingException(ending);
        },
        false,
        ending,
        false);
  }
}
