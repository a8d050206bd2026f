package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the intake after the web server, and at shutdown, before the web server's graceful
 * shutdown: stops the intake (a Kafka consumer commits and leaves its group; new webhook deliveries
 * are answered 503 {@code shutting_down}), lets runs in flight finish within the grace, then ends
 * the rest FAILURE {@code backend shut down}. Spring's own shutdown hook drives it: portkit
 * installs none of its own.
 */
final class PortkitLifecycle implements SmartLifecycle {
  /** Before {@code WebServerGracefulShutdownLifecycle} (DEFAULT_PHASE - 1024) when stopping. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private static final Logger log = LoggerFactory.getLogger(PortkitLifecycle.class);

  private final PortBackend backend;
  private final @Nullable PortkitIntake intake;
  private final Duration grace;
  private volatile @Nullable AutoCloseable running;
  private volatile boolean started;

  PortkitLifecycle(PortBackend backend, @Nullable PortkitIntake intake, Duration grace) {
    this.backend = backend;
    this.intake = intake;
    this.grace = grace;
  }

  @Override
  public void start() {
    if (intake != null) {
      running = intake.start(backend);
    }
    started = true;
  }

  @Override
  public void stop() {
    AutoCloseable r = running;
    running = null;
    if (r != null) {
      try {
        r.close();
      } catch (Exception e) {
        log.warn("stopping the portkit intake failed: {}", e.toString());
      }
    }
    boolean clean = backend.dispatcher().shutdown(grace);
    log.info(
        "portkit backend stopped: {}",
        clean
            ? "every run finished"
            : "runs still running after " + grace + " were ended FAILURE (backend shut down)");
    started = false;
  }

  @Override
  public void stop(Runnable callback) {
    Thread t =
        new Thread(
            () -> {
              try {
                stop();
              } finally {
                callback.run();
              }
            },
            "portkit-shutdown");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * Returns the drain grace for a shutdown phase of {@code phaseTimeout}: the phase less a reserve
   * (a fifth, at most 5 s) for the final reports of the runs ended at its end.
   */
  static Duration grace(Duration phaseTimeout) {
    Duration reserve = phaseTimeout.dividedBy(5);
    if (reserve.compareTo(Duration.ofSeconds(5)) > 0) {
      reserve = Duration.ofSeconds(5);
    }
    Duration g = phaseTimeout.minus(reserve);
    return g.isNegative() ? Duration.ZERO : g;
  }
}
