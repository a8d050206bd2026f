package io.portkit.examples.cli;

import picocli.CommandLine;

/** Converts a count of seconds or milliseconds, refusing zero and negative values. Stateless. */
public final class PositiveNumber implements CommandLine.ITypeConverter<Long> {
  /** Creates the converter; picocli instantiates it. */
  public PositiveNumber() {}

  @Override
  public Long convert(String value) {
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n <= 0) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a whole number above 0");
    }
    return n;
  }
}
