package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.examples.PortkitCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the demo with a run in flight (issue #12), in a child JVM because the process must die:
 * the run ends FAILURE "backend shut down" and its timeline shows it, the shutdown logs one line
 * and no stack trace, and the emulator is still up for the report (intake, runs, then the
 * emulator). SIGTERM stands in for Ctrl-C: the same shutdown hooks run.
 */
class DemoShutdownTest {
  @TempDir Path dir;

  @Test
  @Timeout(120)
  void sigtermWithARunInFlight_runReportedFailureOnTheTimelineOneLogLineNoStackTrace()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    // The CLI's own logging binding, as a user runs it.
                    "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                    "-cp",
                    System.getProperty("java.class.path"),
                    PortkitCli.class.getName(),
                    "demo",
                    "--speed",
                    "real"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    WatchedOutput output = new WatchedOutput();
    Thread pump = pump(child.getInputStream(), output);
    try {
      // The simulator's run is in flight, at real speed: its steps take seconds.
      String runId =
          output.await("\\[(r_\\w{16})\\] label    Provisioning", Duration.ofSeconds(60));
      // SIGTERM through the handle: Process.destroy() would also close our end of its output.
      child.toHandle().destroy();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the demo stopped").isTrue();
      pump.join(10_000);
      String text = output.text();

      assertThat(text)
          .as("exit %d", child.exitValue())
          .contains("Stopping: receiver, runs in flight, emulator.")
          .contains(
              "["
                  + runId
                  + "] FAILURE  backend shut down: the backend shut down before the run"
                  + " finished: run the action again")
          .contains("run " + runId + " interrupted by shutdown: reported FAILURE")
          .doesNotContain("InterruptedException")
          .doesNotContain("\tat ")
          .doesNotContain("Exception in thread");
    } finally {
      child.destroyForcibly();
    }
  }

  private static Thread pump(InputStream in, WatchedOutput out) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[4096];
              try {
                for (int n; (n = in.read(buf)) > 0; ) {
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // the child is gone
              }
            },
            "demo-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
