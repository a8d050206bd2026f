package io.portkit.testkit.crash;

import io.portkit.backend.dispatch.HandlerOptions;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import java.nio.file.Path;

/**
 * A backend run as a child JVM by {@link QueueRestartTest}: like {@link CrashChild}, with {@value
 * #MAX_IN_FLIGHT} handler slots, so a burst queues, and two actions: {@code bulk} (plain) and
 * {@code keyed} (runs with the same {@code service} input one at a time). Prints {@code RUNNING
 * <runId>} when a handler starts; in mode {@code block} handlers then wait forever, in mode {@code
 * finish} they log and return.
 *
 * <p>Arguments: {@code <emulator base URI> <client id> <client secret> <journal dir> <mode>}.
 */
public final class QueueChild {
  /** The handler slots of the child. */
  public static final int MAX_IN_FLIGHT = 8;

  private QueueChild() {}

  /** Starts the backend and keeps it running until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    boolean block = "block".equals(args[4]);
    PortClient port = ChildHandlers.client(args);
    RunHandler handler = ChildHandlers.handler(block);
    RunDispatcher dispatcher =
        RunDispatcher.builder()
            .client(port)
            .journal(RunJournal.open(Path.of(args[3])))
            .maxInFlight(MAX_IN_FLIGHT)
            .handle("bulk", handler)
            .handle(
                "keyed",
                handler,
                HandlerOptions.defaults()
                    .concurrencyKey(run -> run.inputs().path("service").asText(null)))
            .build();
    ChildHandlers.serveUntilKilled(args[2], dispatcher);
  }
}
