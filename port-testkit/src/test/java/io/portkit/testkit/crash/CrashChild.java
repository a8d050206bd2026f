package io.portkit.testkit.crash;

import io.portkit.backend.dispatch.HandlerOptions;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import java.nio.file.Path;

/**
 * A backend run as a child JVM by {@link CrashRecoveryTest}: a WebhookReceiver and RunDispatcher
 * with a journal, reporting to the emulator named in the arguments. Prints {@code LISTENING <port>}
 * once it takes webhooks and {@code RUNNING <runId>} when a handler starts (the run is in the
 * journal by then). Handlers of {@code slow} (plain) and {@code resume} (resumable) block forever
 * in mode {@code block}, so the test can kill the process mid-run, and return at once in mode
 * {@code finish}.
 *
 * <p>Arguments: {@code <emulator base URI> <client id> <client secret> <journal dir> <mode>}.
 */
public final class CrashChild {
  private CrashChild() {}

  /** Starts the backend and keeps it running until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5) {
      System.err.println(
          "usage: CrashChild <baseUri> <clientId> <clientSecret> <journalDir> block|finish");
      System.exit(2);
    }
    boolean block = "block".equals(args[4]);
    PortClient port = ChildHandlers.client(args);
    RunHandler handler = ChildHandlers.handler(block);
    RunDispatcher dispatcher =
        RunDispatcher.builder()
            .client(port)
            .journal(RunJournal.open(Path.of(args[3])))
            .handle("slow", handler)
            .handle("resume", handler, HandlerOptions.defaults().resumable())
            .build();
    ChildHandlers.serveUntilKilled(args[2], dispatcher);
  }
}
