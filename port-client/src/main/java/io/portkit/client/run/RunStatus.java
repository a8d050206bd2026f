package io.portkit.client.run;

import java.util.Objects;

/**
 * The status of an action run, as a value that keeps whatever string Port sent.
 *
 * <p>Port documents five statuses ({@link #IN_PROGRESS}, {@link #SUCCESS}, {@link #FAILURE}, {@link
 * #WAITING_FOR_APPROVAL}, {@link #DECLINED}). A status Port adds later is not an error: it parses
 * to a value whose {@link #kind()} is {@link Kind#UNKNOWN} and whose {@link #value()} is the raw
 * string (ADR 0005). Switch on {@link #kind()}; compare with {@code equals}. Immutable.
 *
 * @param value the raw status string; not blank
 */
public record RunStatus(String value) {
  /** The run is being worked on (Port's initial status). */
  public static final RunStatus IN_PROGRESS = new RunStatus("IN_PROGRESS");

  /** The run finished successfully. */
  public static final RunStatus SUCCESS = new RunStatus("SUCCESS");

  /** The run failed (also used when a user cancels a pending approval). */
  public static final RunStatus FAILURE = new RunStatus("FAILURE");

  /** The run waits for an approver. */
  public static final RunStatus WAITING_FOR_APPROVAL = new RunStatus("WAITING_FOR_APPROVAL");

  /** An approver declined the run. */
  public static final RunStatus DECLINED = new RunStatus("DECLINED");

  /** The known statuses, plus {@link #UNKNOWN} for any other string. */
  public enum Kind {
    /** See {@link RunStatus#IN_PROGRESS}. */
    IN_PROGRESS,
    /** See {@link RunStatus#SUCCESS}. */
    SUCCESS,
    /** See {@link RunStatus#FAILURE}. */
    FAILURE,
    /** See {@link RunStatus#WAITING_FOR_APPROVAL}. */
    WAITING_FOR_APPROVAL,
    /** See {@link RunStatus#DECLINED}. */
    DECLINED,
    /** A status this version of portkit does not know; {@link RunStatus#value()} has it. */
    UNKNOWN
  }

  /**
   * Validates the value.
   *
   * @throws IllegalArgumentException if blank
   */
  public RunStatus {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("run status is blank");
    }
  }

  /** Returns the status for {@code value}, known or not. */
  public static RunStatus of(String value) {
    return new RunStatus(value);
  }

  /** Returns which known status this is, or {@link Kind#UNKNOWN}. */
  public Kind kind() {
    for (Kind k : Kind.values()) {
      if (k != Kind.UNKNOWN && k.name().equals(value)) {
        return k;
      }
    }
    return Kind.UNKNOWN;
  }

  /** Returns whether this is one of the documented statuses. */
  public boolean isKnown() {
    return kind() != Kind.UNKNOWN;
  }

  /** Returns whether the run is over: SUCCESS, FAILURE or DECLINED. */
  public boolean isTerminal() {
    Kind k = kind();
    return k == Kind.SUCCESS || k == Kind.FAILURE || k == Kind.DECLINED;
  }

  @Override
  public String toString() {
    return value;
  }
}
