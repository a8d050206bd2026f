package io.portkit.backend.dispatch;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a run goes: its handler and how it runs. Immutable.
 *
 * @param action the action identifier the route serves, or {@code *} for the default handler
 * @param handler the handler
 * @param options synchronized, resumable, own timeout
 * @param refusal for the "no handler" route, how the run ends; null for real handlers
 */
record Route(String action, RunHandler handler, HandlerOptions options, @Nullable Ending refusal) {
  static Route of(String action, RunHandler handler, HandlerOptions options) {
    return new Route(action, handler, options, null);
  }

  /** Returns whether the action is synchronized (the answer carries the result). */
  boolean sync() {
    return options.isSynchronous();
  }

  /** Returns whether a run left unfinished by a crash may be run again at the next start. */
  boolean resumable() {
    return options.isResumable();
  }

  /** Returns the route's own timeout, or null for the dispatcher's. */
  @Nullable Duration timeout() {
    return options.timeout();
  }

  /**
   * Returns a route that ends its run as {@code ending} without running user code, for a run that
   * was taken (answered 202) and then could not be run.
   */
  static Route failing(String action, Ending ending) {
    return new Route(
        action,
        (run, ctx) -> {
          throw new EndingException(ending);
        },
        HandlerOptions.defaults(),
        null);
  }

  /** Returns a route that ends its run as {@code ending} without running user code. */
  static Route ending(String action, Ending ending) {
    return new Route(
        action,
        (run, ctx) -> {
          throw new EndingException(ending);
        },
        HandlerOptions.defaults(),
        ending);
  }
}
