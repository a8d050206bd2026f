package io.portkit.benchmarks.e2e;

/** Reads {@code --name value} integer options of the benchmark mains. Stateless. */
public final class Args {
  private Args() {}

  /**
   * Returns the value after {@code name} in {@code args}, or {@code fallback} when absent.
   *
   * @throws IllegalArgumentException if the value is missing or not a positive integer
   */
  public static int intOf(String[] args, String name, int fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(
              name + " needs a value, for example " + name + " " + fallback);
        }
        try {
          int value = Integer.parseInt(args[i + 1]);
          if (value > 0) {
            return value;
          }
        } catch (NumberFormatException e) {
          // reported below with the expected form
        }
        throw new IllegalArgumentException(
            name + " must be a positive integer, got " + args[i + 1]);
      }
    }
    return fallback;
  }
}
