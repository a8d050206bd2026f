package io.portkit.backend.dispatch;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one action's handler runs: synchronized or not, safe to run again after a crash, and its own
 * timeout. Given with the handler, so an option can never land on the wrong registration.
 *
 * <pre>{@code
 * builder.handle("deploy", deploy, HandlerOptions.defaults().resumable().timeout(Duration.ofHours(2)))
 *        .handle("validate", validate, HandlerOptions.synchronous());
 * }</pre>
 *
 * <p>Immutable: each method returns a new value.
 */
public final class HandlerOptions {
  private static final HandlerOptions DEFAULTS = new HandlerOptions(false, false, null);

  private final boolean synchronous;
  private final boolean resumable;
  private final @Nullable Duration timeout;

  private HandlerOptions(boolean synchronous, boolean resumable, @Nullable Duration timeout) {
    if (synchronous && resumable) {
      throw new IllegalArgumentException(
          "a synchronized action cannot be resumed after a restart: its answer was owed to a"
              + " connection that is gone; drop resumable() or synchronous()");
    }
    this.synchronous = synchronous;
    this.resumable = resumable;
    this.timeout = timeout;
  }

  /** Returns the defaults: asynchronous, not resumable, the dispatcher's timeout. */
  public static HandlerOptions defaults() {
    return DEFAULTS;
  }

  /** Returns the options of a synchronized action ({@code "synchronized": true} in Port). */
  public static HandlerOptions synchronous() {
    return DEFAULTS.synchronous(true);
  }

  /**
   * Returns a copy for a synchronized action when {@code synchronous} is true: the webhook answer
   * waits for the handler and carries the result; the status is never PATCHed, since Port refuses
   * that for synchronized runs.
   */
  public HandlerOptions synchronous(boolean synchronous) {
    return new HandlerOptions(synchronous, resumable, timeout);
  }

  /**
   * Returns a copy marked safe to run again from the start: with a journal, a run that a crash left
   * unfinished runs again when the backend starts, instead of ending FAILURE "backend restarted".
   * Declare it only for handlers whose work is idempotent; asynchronous actions only.
   *
   * @throws IllegalArgumentException for a synchronized action
   */
  public HandlerOptions resumable() {
    return new HandlerOptions(synchronous, true, timeout);
  }

  /**
   * Returns a copy with its own timeout, instead of the dispatcher's {@code runTimeout} (or {@code
   * syncTimeout} for a synchronized action).
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public HandlerOptions timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new HandlerOptions(synchronous, resumable, timeout);
  }

  /** Returns whether the action is synchronized. */
  public boolean isSynchronous() {
    return synchronous;
  }

  /** Returns whether a run left unfinished by a crash runs again at the next start. */
  public boolean isResumable() {
    return resumable;
  }

  /** Returns the handler's own timeout, or null for the dispatcher's. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HandlerOptions other
        && other.synchronous == synchronous
        && other.resumable == resumable
        && Objects.equals(other.timeout, timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(synchronous, resumable, timeout);
  }

  @Override
  public String toString() {
    return "HandlerOptions[synchronous="
        + synchronous
        + ", resumable="
        + resumable
        + (timeout == null ? "" : ", timeout=" + timeout)
        + "]";
  }
}
