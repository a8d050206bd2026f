package io.portkit.examples.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a long-running command ({@code demo}, {@code serve}, {@code emulator}) to stop, and lets
 * the stopper wait until it has cleaned up. In the CLI, Ctrl-C triggers it through a JVM shutdown
 * hook; tests call {@link #stop()}.
 *
 * <p>Thread-safe.
 */
public final class StopSignal {
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CompletableFuture<Void> requested = new CompletableFuture<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Creates a signal not yet triggered. */
  public StopSignal() {}

  /**
   * Returns a signal triggered when the JVM shuts down (Ctrl-C, SIGTERM); the hook then waits up to
   * {@code cleanup} for the command to call {@link #stopped()}.
   */
  public static StopSignal onShutdown(Duration cleanup) {
    StopSignal signal = new StopSignal();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signal.stop();
                  signal.awaitStopped(cleanup);
                },
                "portkit-cli-shutdown"));
    return signal;
  }

  /** Asks the command to stop. Idempotent. */
  public void stop() {
    stopRequested.countDown();
    requested.complete(null);
  }

  /** Returns whether {@link #stop()} was called. */
  public boolean isRequested() {
    return requested.isDone();
  }

  /** Completes when {@link #stop()} is called: to wait for something else or the stop. */
  public CompletableFuture<Void> requested() {
    return requested;
  }

  /** Blocks until {@link #stop()} is called. */
  public void await() throws InterruptedException {
    stopRequested.await();
  }

  /** Called by the command once it has shut everything down. Idempotent. */
  public void stopped() {
    stopped.countDown();
  }

  /** Waits up to {@code timeout} for {@link #stopped()}; returns whether it was called. */
  public boolean awaitStopped(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
