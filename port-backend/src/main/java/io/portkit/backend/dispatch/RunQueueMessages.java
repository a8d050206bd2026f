package io.portkit.backend.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * The words of the run queue: the 503 answers that name the bound that was reached and what to do,
 * and the status labels a waiting run shows in Port. A concurrency key appears in labels and
 * messages, so it must not be derived from a secret input (see {@link
 * HandlerOptions#concurrencyKey}).
 */
final class RunQueueMessages {
  private RunQueueMessages() {}

  static String queueFull(ActiveRun run, int maxInFlight, int maxQueued) {
    if (maxQueued == 0) {
      return maxInFlight
          + " runs are in flight (maxInFlight="
          + maxInFlight
          + ") and none may wait (maxQueued=0): run "
          + run.runId()
          + " was not started; run the action again later, or raise maxInFlight or maxQueued (with"
          + " a journal, up to 10,000 runs wait by default)";
    }
    return "the run queue is full: "
        + maxInFlight
        + " runs are in flight (maxInFlight="
        + maxInFlight
        + ") and "
        + maxQueued
        + " wait (maxQueued="
        + maxQueued
        + "): run "
        + run.runId()
        + " was not started; run the action again later, or raise maxQueued or maxInFlight";
  }

  static String syncSaturated(ActiveRun run, int maxInFlight) {
    return maxInFlight
        + " runs are in flight (maxInFlight="
        + maxInFlight
        + "): synchronized run "
        + run.runId()
        + " was not started (synchronized runs are never queued, since Port waits for their"
        + " answer); run the action again later or raise maxInFlight";
  }

  static String keyFull(ActiveRun run, String key, int limit) {
    return limit
        + " runs already wait for concurrency key "
        + key
        + " of action "
        + run.action()
        + " (maxWaitingPerKey="
        + limit
        + "): run "
        + run.runId()
        + " was not started; run the action again once they ended, or raise maxWaitingPerKey";
  }

  /** The label of a run waiting for a handler slot behind {@code ahead} others. */
  static String queueLabel(int ahead) {
    return ahead == 0 ? "queued, next to start" : "queued, " + ahead + " ahead";
  }

  /**
   * The label of a run waiting for {@code owner}, the id of the run holding {@code key}, with
   * {@code behind} more waiting before it.
   */
  static String keyLabel(@Nullable String owner, String key, int behind) {
    String first = owner == null ? "an earlier run" : owner;
    return "waiting for "
        + first
        + " (same concurrency key: "
        + key
        + ")"
        + (behind == 0 ? "" : ", " + (behind + 1) + " ahead");
  }

  /** What a run waiting for its key waited for, for its summary after its timeout. */
  static String keyWait(@Nullable String owner, @Nullable String key) {
    return (owner == null ? "an earlier run" : "run " + owner)
        + " (same concurrency key: "
        + key
        + ")";
  }

  /** The label of a queued run once its handler starts. */
  static String startedLabel(ActiveRun run) {
    return "started after waiting " + Ending.human(run.waited().withNanos(0));
  }
}
