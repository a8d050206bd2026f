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
    environment = new CliEnvironment(env, workingDir, out.stream, err.stream, stop, d -> {});
  }

  int run(String... args) {
    return PortkitCli.execute(environment, args);
  }

  /**
   * Starts a long-running command on its own thread. Not on the common pool: on a 2-core machine
   * that pool has one worker, and a blocked command would starve the JDK HttpClient's completions.
   */
  CompletableFuture<Integer> start(String... args) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(run(args));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "cli-" + args[0]);
    thread.setDaemon(true);
    thread.start();
    return result;
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
