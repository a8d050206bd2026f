package io.portkit.testkit;

import io.portkit.client.run.RunStatus;
import io.portkit.testkit.internal.EmulatorState;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Waits for a run to reach a state, woken by the emulator state's change signal (no polling), and
 * turns every way it does not into a {@link RunAssertionError}. Thread-safe.
 */
final class RunWaiter {
  private final EmulatorState state;

  RunWaiter(EmulatorState state) {
    this.state = state;
  }

  /** Waits for {@code expected}; a different terminal status ends the wait at once. */
  EmulatedRun status(String runId, RunStatus expected, Duration timeout) {
    Objects.requireNonNull(expected, "expected == null");
    EmulatedRun run =
        until(
            runId,
            timeout,
            r -> r.status().equals(expected) || r.status().isTerminal(),
            expected.value());
    if (!run.status().equals(expected)) {
      throw RunAssertionError.endedWith(run, expected.value());
    }
    return run;
  }

  /** Waits until {@code condition} holds for the run; {@code what} names it in the message. */
  EmulatedRun until(String runId, Duration timeout, Predicate<EmulatedRun> condition, String what) {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(timeout, "timeout == null");
    try {
      EmulatedRun run = state.await(runId, condition, timeout);
      if (run == null) {
        throw RunAssertionError.timedOut(runId, state.snapshot(runId), what, timeout);
      }
      return run;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for run " + runId + " to reach " + what, e);
    }
  }
}
