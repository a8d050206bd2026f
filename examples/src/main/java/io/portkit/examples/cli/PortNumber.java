package io.portkit.examples.cli;

import picocli.CommandLine;

/**
 * Converts a {@code --port} value, refusing what is not 0 to 65535 while the command line is
 * parsed, so a bad port exits 2 before anything is opened. Stateless.
 */
public final class PortNumber implements CommandLine.ITypeConverter<Integer> {
  /** Creates the converter; picocli instantiates it. */
  public PortNumber() {}

  @Override
  public Integer convert(String value) {
    int port;
    try {
      port = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a port: use 0 to 65535 (0 picks a free one)");
    }
    return port;
  }
}
