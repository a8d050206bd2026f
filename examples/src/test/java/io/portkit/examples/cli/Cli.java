package io.portkit.examples.cli;

import io.portkit.examples.PortkitCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in-process with a given environment and working directory, capturing output. */
final class Cli {
  final WatchedOutput out = new WatchedOutput();
  final WatchedOutput err = new WatchedOutput();
  final StopSignal stop = new StopSignal();
  final CliEnvironment environment;

  Cli(Map<String, String> env, Path workingDir) {
    // Busy polling instead of sleeping: every wait in the CLI is bounded by a poll count.
    environment = new CliEnvironment(env, workingDir, out.stream, err.stream, stop, d -> { });
  }

  int run(String... args) {
    return PortkitCli.execute(environment, args);
  }

  /** Starts a long-running command on another thread. */
  CompletableFuture<Integer> start(String... args) {
    return CompletableFuture.supplyAsync(() -> run(args));
  }

  /** Stops a command started with {@link #start} and returns its exit code. */
  int stop(CompletableFuture<Integer> running) throws Exception {
    stop.stop();
    return running.get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
  }

  String all() {
    return out.text() + err.text();
  }
}
