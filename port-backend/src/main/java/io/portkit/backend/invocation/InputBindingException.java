package io.portkit.backend.invocation;

import org.jspecify.annotations.Nullable;

/**
 * A run's inputs do not fit the type a handler asked for: an input has the wrong JSON type, a
 * required one is missing, or the type's constructor refused the values.
 *
 * <p>The message names the input and what was wrong, for example {@code input 'duration_minutes':
 * expected a number, got "abc"}, and is written for the person who ran the action: the dispatcher
 * ends the run FAILURE with it as the summary, without a stack trace.
 */
public final class InputBindingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String input;

  InputBindingException(@Nullable String input, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.input = input;
  }

  /** Returns the input's identifier (a path such as {@code config.size} when nested), or null. */
  public @Nullable String input() {
    return input;
  }
}
