package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
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
 * <p>Runs that must not overlap (two deploys of one service) declare a {@link #concurrencyKey
 * concurrency key}: runs with the same key run one at a time, in arrival order.
 *
 * <pre>{@code
 * HandlerOptions.defaults().concurrencyKey(run -> run.entityIdentifier().orElse(null))
 * }</pre>
 *
 * <p>Immutable: each method returns a new value.
 */
public final class HandlerOptions {
  /** Default limit on runs waiting behind one concurrency key. */
  public static final int DEFAULT_MAX_WAITING_PER_KEY = 100;

  private static final HandlerOptions DEFAULTS =
      new HandlerOptions(false, false, null, null, DEFAULT_MAX_WAITING_PER_KEY);

  private final boolean synchronous;
  private final boolean resumable;
  private final @Nullable Duration timeout;
  private final @Nullable Function<RunInvocation, @Nullable String> concurrencyKey;
  private final int maxWaitingPerKey;

  private HandlerOptions(
      boolean synchronous,
      boolean resumable,
      @Nullable Duration timeout,
      @Nullable Function<RunInvocation, @Nullable String> concurrencyKey,
      int maxWaitingPerKey) {
    if (synchronous && resumable) {
      throw new IllegalArgumentException(
          "a synchronized action cannot be resumed after a restart: its answer was owed to a"
              + " connection that is gone; drop resumable() or synchronous()");
    }
    if (synchronous && concurrencyKey != null) {
      throw new IllegalArgumentException(
          "a synchronized action cannot have a concurrency key: its runs are never queued, since"
              + " Port waits for their answer; drop concurrencyKey(...) or synchronous()");
    }
    this.synchronous = synchronous;
    this.resumable = resumable;
    this.timeout = timeout;
    this.concurrencyKey = concurrencyKey;
    this.maxWaitingPerKey = maxWaitingPerKey;
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
    return new HandlerOptions(synchronous, resumable, timeout, concurrencyKey, maxWaitingPerKey);
  }

  /**
   * Returns a copy marked safe to run again from the start: with a journal, a run that a crash left
   * unfinished runs again when the backend starts, instead of ending FAILURE "backend restarted".
   * Declare it only for handlers whose work is idempotent; asynchronous actions only.
   *
   * @throws IllegalArgumentException for a synchronized action
   */
  public HandlerOptions resumable() {
    return new HandlerOptions(synchronous, true, timeout, concurrencyKey, maxWaitingPerKey);
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
    return new HandlerOptions(synchronous, resumable, timeout, concurrencyKey, maxWaitingPerKey);
  }

  /**
   * Returns a copy whose runs with the same key, computed from each run by {@code key} (for example
   * the entity it acts on), run one at a time, in arrival order: a run whose key is held waits,
   * showing the status label {@code "waiting for r_... (same concurrency key: K)"}, and starts when
   * the runs before it ended. A null key lets the run overlap with any other; a key function that
   * throws ends the run FAILURE saying so. The key appears in labels and logs: do not derive it
   * from a secret input. Keys are shared by every action that declares one, so a deploy and a
   * rollback keyed by the same service exclude each other; put the action in the key to keep them
   * apart. A run handed off ({@code ctx.handOff}) keeps its key until the hand-off ends. With a
   * journal the order and that hold survive a restart. The wait counts against the run's timeout,
   * and at most {@link #maxWaitingPerKey(int)} runs wait per key (beyond: 503 {@code saturated}).
   * Asynchronous actions only.
   *
   * @throws IllegalArgumentException for a synchronized action
   */
  public HandlerOptions concurrencyKey(Function<RunInvocation, @Nullable String> key) {
    Objects.requireNonNull(key, "key == null");
    return new HandlerOptions(synchronous, resumable, timeout, key, maxWaitingPerKey);
  }

  /**
   * Returns a copy allowing at most {@code max} runs to wait behind one concurrency key; the next
   * one is refused with 503 {@code saturated} naming the key and the bound. Default {@value
   * #DEFAULT_MAX_WAITING_PER_KEY}.
   *
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public HandlerOptions maxWaitingPerKey(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maxWaitingPerKey must not be negative, got " + max);
    }
    return new HandlerOptions(synchronous, resumable, timeout, concurrencyKey, max);
  }

  /** Returns the concurrency key function, or null when runs may overlap. */
  public @Nullable Function<RunInvocation, @Nullable String> concurrencyKey() {
    return concurrencyKey;
  }

  /** Returns the limit on runs waiting behind one concurrency key. */
  public int maxWaitingPerKey() {
    return maxWaitingPerKey;
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
        && Objects.equals(other.timeout, timeout)
        && other.concurrencyKey == concurrencyKey
        && other.maxWaitingPerKey == maxWaitingPerKey;
  }

  @Override
  public int hashCode() {
    return Objects.hash(synchronous, resumable, timeout, concurrencyKey, maxWaitingPerKey);
  }

  @Override
  public String toString() {
    return "HandlerOptions[synchronous="
        + synchronous
        + ", resumable="
        + resumable
        + (timeout == null ? "" : ", timeout=" + timeout)
        + (concurrencyKey == null ? "" : ", concurrencyKey, maxWaitingPerKey=" + maxWaitingPerKey)
        + "]";
  }
}
