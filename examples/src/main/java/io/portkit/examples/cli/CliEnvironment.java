package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.examples.simulator.Pause;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI takes from its process: the environment, the working directory (for {@code .env} and
 * {@code ./portkit-data}), the output streams, the stop signal and how to wait. Tests pass their
 * own so nothing global is touched.
 *
 * @param environment the environment variables
 * @param workingDir the directory holding {@code .env} and {@code portkit-data}
 * @param out where results go
 * @param err where errors go
 * @param stop stops the long-running commands
 * @param pause how polling and the simulator wait
 */
public record CliEnvironment(
    Map<String, String> environment,
    Path workingDir,
    PrintStream out,
    PrintStream err,
    StopSignal stop,
    Pause pause) {

  /** Validates the components and copies the environment. */
  public CliEnvironment {
    environment = Map.copyOf(requireNonNull(environment, "environment == null"));
    requireNonNull(workingDir, "workingDir == null");
    requireNonNull(out, "out == null");
    requireNonNull(err, "err == null");
    requireNonNull(stop, "stop == null");
    requireNonNull(pause, "pause == null");
  }

  @Override
  public String toString() {
    return "CliEnvironment[workingDir=" + workingDir + "]"; // never the environment's values
  }
}
