package io.portkit.testkit.crash;

import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * What the crash tests' child backends share: the client their arguments name ({@code baseUri
 * clientId clientSecret ...}), a handler that says when it starts, then either blocks until the
 * process is killed or finishes with one log line, and the receiver they serve on until killed.
 */
final class ChildHandlers {
  private ChildHandlers() {}

  /** Returns a client for the emulator {@code args[0..2]} name. */
  static PortClient client(String[] args) {
    return PortClient.builder()
        .baseUri(URI.create(args[0]))
        .credentials(new ClientCredentials(args[1], args[2]))
        .build();
  }

  /**
   * Returns a handler printing {@code RUNNING <run id>}, then blocking forever ({@code block}) or
   * logging "done by the second process".
   */
  static RunHandler handler(boolean block) {
    CountDownLatch never = new CountDownLatch(1);
    return (run, ctx) -> {
      System.out.println("RUNNING " + run.runId());
      System.out.flush();
      if (block) {
        never.await();
      }
      ctx.log("done by the " + (block ? "first" : "second") + " process");
    };
  }

  /**
   * Serves {@code dispatcher} on a receiver verifying {@code secret}, prints {@code LISTENING
   * <port>}, and returns only when the process is killed (SIGKILL, or the test's destroy).
   */
  static void serveUntilKilled(String secret, RunDispatcher dispatcher)
      throws InterruptedException {
    WebhookReceiver receiver =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(secret).build())
            .dispatcher(dispatcher)
            .port(0)
            .start();
    System.out.println("LISTENING " + receiver.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
