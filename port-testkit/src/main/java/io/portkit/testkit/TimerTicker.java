package io.portkit.testkit;

import io.portkit.testkit.internal.EmulatorCore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires timer properties whose time has passed on the emulator's clock: at once when a {@link
 * FakeClock} is advanced (on the advancing thread, so the automation's run exists when {@code
 * advance} returns), and once a second by the wall clock for every other clock. Closed with the
 * emulator.
 */
final class TimerTicker implements AutoCloseable {
  private final EmulatorCore core;
  private final ScheduledExecutorService ticks;
  private final Runnable onAdvance;

  TimerTicker(EmulatorCore core) {
    this.core = core;
    this.onAdvance = this::check;
    if (core.clock() instanceof FakeClock fake) {
      fake.addListener(onAdvance);
      ticks = null;
    } else {
      ticks =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "port-emulator-timers");
                thread.setDaemon(true);
                return thread;
              });
      ticks.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }
  }

  private void check() {
    try {
      core.checkTimers();
    } catch (RuntimeException e) {
      // A timer that cannot fire now (a failed render is recorded on its run) is tried again later.
    }
  }

  @Override
  public void close() {
    if (core.clock() instanceof FakeClock fake) {
      fake.removeListener(onAdvance);
    }
    if (ticks != null) {
      ticks.shutdownNow();
    }
  }
}
