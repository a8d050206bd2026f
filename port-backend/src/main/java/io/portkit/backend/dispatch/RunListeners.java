package io.portkit.backend.dispatch;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several listeners as one; what one throws is logged and does not reach the others. */
final class RunListeners implements RunListener {
  private static final Logger log = LoggerFactory.getLogger(RunListeners.class);

  private final List<RunListener> listeners;

  private RunListeners(List<? extends RunListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Returns one listener calling each of {@code listeners} in order. */
  static RunListener of(List<? extends RunListener> listeners) {
    Objects.requireNonNull(listeners, "listeners == null");
    return listeners.isEmpty() ? RunListener.NONE : new RunListeners(List.copyOf(listeners));
  }

  @Override
  public void runEnded(EndedRun run) {
    for (RunListener l : listeners) {
      try {
        l.runEnded(run);
      } catch (RuntimeException e) {
        log.warn("run listener {} failed; ignored: {}", l.getClass().getName(), e.toString());
      }
    }
  }

  @Override
  public void intakeRejected(IntakeRejection rejection) {
    for (RunListener l : listeners) {
      try {
        l.intakeRejected(rejection);
      } catch (RuntimeException e) {
        log.warn("run listener {} failed; ignored: {}", l.getClass().getName(), e.toString());
      }
    }
  }
}
