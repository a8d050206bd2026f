package io.portkit.examples.cli;

import org.jspecify.annotations.Nullable;

/**
 * A required setting has no value; the CLI prints the message as one line and exits with 2. The
 * message names the variable and the flag, never a value.
 */
public final class MissingSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for {@code variable}.
   *
   * @param variable the environment variable, for example {@code PORT_CLIENT_ID}
   * @param flag the flag that also sets it, or null when only the environment can (secrets)
   */
  public MissingSettingException(String variable, @Nullable String flag) {
    super(
        "missing setting "
            + variable
            + ": set it in the environment or in .env"
            + (flag == null ? "" : ", or pass " + flag));
  }
}
