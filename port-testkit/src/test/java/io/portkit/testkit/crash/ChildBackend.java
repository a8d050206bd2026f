package io.portkit.testkit.crash;

import io.portkit.testkit.PortEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link CrashChild} JVM started by a test, with its stdout lines turned into signals. */
final class ChildBackend implements AutoCloseable {
  private final Process process;
  private final CompletableFuture<Integer> listening = new CompletableFuture<>();
  private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
  private final List<String> started = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildBackend(Process process) {
    this.process = process;
    this.reader = new Thread(this::readLines, "crash-child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child on the test's own classpath, reporting to {@code port}. */
  static ChildBackend start(PortEmulator port, Path journalDir, String mode) {
    return start(CrashChild.class, port, journalDir, mode);
  }

  /** Starts {@code main} as a child, with the arguments {@link CrashChild} takes. */
  static ChildBackend start(Class<?> main, PortEmulator port, Path journalDir, String mode) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            main.getName(),
            port.baseUri().toString(),
            port.clientId(),
            port.clientSecret(),
            journalDir.toString(),
            mode);
    try {
      return new ChildBackend(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the child's receiver and returns its HTTP port. */
  int awaitListening(Duration timeout) {
    return await(listening, timeout, "the child to listen");
  }

  /** Waits until the child's handler for {@code runId} started. */
  void awaitRunning(String runId, Duration timeout) {
    await(signal(runId), timeout, "run " + runId + " to start in the child");
  }

  /** Waits until the child awaits the hand-off of {@code runId} (its handler returned). */
  void awaitHandedOff(String runId, Duration timeout) {
    await(signal("awaiting " + runId), timeout, "run " + runId + " to be handed off in the child");
  }

  /** Waits until {@code n} handlers started in the child. */
  void awaitStarted(int n, Duration timeout) {
    await(signal("#" + n), timeout, n + " handlers to start in the child");
  }

  /** Returns the runs whose handler started in the child, in the order it printed them. */
  List<String> started() {
    return List.copyOf(started);
  }

  /** Kills the child with SIGKILL (on Linux) and waits until it is gone. */
  void kill(Duration timeout) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "child " + process.pid() + " still alive " + timeout + " after SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill(Duration.ofSeconds(10));
  }

  private CompletableFuture<Void> signal(String runId) {
    return running.computeIfAbsent(runId, id -> new CompletableFuture<>());
  }

  private void readLines() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("LISTENING ")) {
          listening.complete(Integer.parseInt(line.substring(10).trim()));
        } else if (line.startsWith("RUNNING ")) {
          started.add(line.substring(8).trim());
          signal("#" + started.size()).complete(null);
          signal(line.substring(8).trim()).complete(null);
        } else if (line.startsWith("AWAITING ")) {
          signal("awaiting " + line.substring(9).trim()).complete(null);
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(e); // the stream closes when the child dies
    }
    listening.completeExceptionally(new IllegalStateException("child exited before listening"));
  }

  private <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
    } catch (ExecutionException e) {
      throw new AssertionError("failed waiting for " + what, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }
}
