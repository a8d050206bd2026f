package io.portkit.spring.boot;

import java.util.Objects;

/**
 * A portkit configuration Spring Boot cannot start with: a missing secret, two handlers for one
 * action, a handler parameter that cannot be bound. The failure analyzer prints {@link
 * #getMessage()} as the description and {@link #action()} as what to do. Never carries a secret.
 */
public final class PortkitStartupException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String action;

  /**
   * Creates an exception.
   *
   * @param description what is wrong, naming the property, bean or method
   * @param action what to do about it
   */
  public PortkitStartupException(String description, String action) {
    super(Objects.requireNonNull(description, "description == null"));
    this.action = Objects.requireNonNull(action, "action == null");
  }

  /** Returns what to do about it. */
  public String action() {
    return action;
  }
}
