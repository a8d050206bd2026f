package io.portkit.client.entity;

/**
 * The comparison operators of Port's search rules, with the spelling Port's API expects ({@link
 * #wire()}). See https://docs.port.io/search-and-query/ for what each matches.
 */
public enum SearchOperator {
  /** Equal ({@code =}). */
  EQUALS("="),
  /** Not equal ({@code !=}). */
  NOT_EQUALS("!="),
  /** Greater than a number or date-time ({@code >}). */
  GREATER_THAN(">"),
  /** Greater than or equal ({@code >=}). */
  GREATER_THAN_OR_EQUAL(">="),
  /** Less than ({@code <}). */
  LESS_THAN("<"),
  /** Less than or equal ({@code <=}). */
  LESS_THAN_OR_EQUAL("<="),
  /** A string contains the value ({@code contains}). */
  CONTAINS("contains"),
  /** A string does not contain the value ({@code doesNotContains}). */
  DOES_NOT_CONTAIN("doesNotContains"),
  /** An array holds any of the values ({@code containsAny}). */
  CONTAINS_ANY("containsAny"),
  /** A string starts with the value ({@code beginsWith}). */
  BEGINS_WITH("beginsWith"),
  /** A string does not start with the value ({@code doesNotBeginsWith}). */
  DOES_NOT_BEGIN_WITH("doesNotBeginsWith"),
  /** A string ends with the value ({@code endsWith}). */
  ENDS_WITH("endsWith"),
  /** A string does not end with the value ({@code doesNotEndsWith}). */
  DOES_NOT_END_WITH("doesNotEndsWith"),
  /** Equal to one of the values ({@code in}). */
  IN("in"),
  /** Equal to none of the values ({@code notIn}). */
  NOT_IN("notIn"),
  /** No value ({@code isEmpty}); takes no value. */
  IS_EMPTY("isEmpty"),
  /** A value ({@code isNotEmpty}); takes no value. */
  IS_NOT_EMPTY("isNotEmpty"),
  /** A date-time within a range ({@code between}); the value is {@code {from, to}} or a preset. */
  BETWEEN("between"),
  /** A date-time outside a range ({@code notBetween}). */
  NOT_BETWEEN("notBetween");

  private final String wire;

  SearchOperator(String wire) {
    this.wire = wire;
  }

  /** Returns the operator as Port's API spells it, e.g. {@code "doesNotBeginsWith"}. */
  public String wire() {
    return wire;
  }

  /** Returns whether the operator takes no value ({@link #IS_EMPTY}, {@link #IS_NOT_EMPTY}). */
  public boolean unary() {
    return this == IS_EMPTY || this == IS_NOT_EMPTY;
  }
}
