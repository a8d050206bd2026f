package io.portkit.testkit.crash;

import io.portkit.backend.PortBackend;
import io.portkit.backend.callback.CallbackCompletion;
import io.portkit.backend.callback.CallbackVerifier;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.HandOffResult;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.run.HandOff;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A backend run as a child JVM by {@link HandOffRestartTest}: action {@code ci} hands each run off
 * as {@code job-<runId>}, due {@code deadline_seconds} (an input) from now; {@code POST
 * /callbacks/ci} takes {@code {"job": "..."}} signed with {@link #CI_SECRET} in {@code
 * X-Hub-Signature-256}. Prints {@code LISTENING <port>} and, once a run's hand-off is awaited,
 * {@code AWAITING <runId>}.
 *
 * <p>Arguments: {@code <emulator base URI> <client id> <client secret> <journal dir> <mode>}; the
 * mode is unused.
 */
public final class HandOffChild {
  /** The CI's callback secret. */
  public static final String CI_SECRET = "ci-callback-secret-for-restarts";

  private HandOffChild() {}

  /** The callback's verifier. */
  static CallbackVerifier verifier() {
    return CallbackVerifier.builder()
        .signatureHeader("X-Hub-Signature-256")
        .prefix("sha256=")
        .secret(CI_SECRET)
        .build();
  }

  private static synchronized void announce(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** Starts the backend and keeps it running until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    PortBackend[] backend = new PortBackend[1];
    Set<String> announced = ConcurrentHashMap.newKeySet();
    ThreadLocal<String> handled = new ThreadLocal<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newCachedThreadPool();
    backend[0] =
        PortBackend.builder()
            .credentials(new ClientCredentials(args[1], args[2]))
            .apiUrl(URI.create(args[0]))
            .journal(RunJournal.open(Path.of(args[3])))
            // A run's task returns after its hand-off is journaled and awaited: announce that
            // run then, and only that one. Another run's hand-off is awaited (pending) a moment
            // before its journal record is forced, and a kill in between would lose it.
            .executor(
                task ->
                    pool.execute(
                        () -> {
                          handled.remove();
                          task.run();
                          String runId = handled.get();
                          handled.remove();
                          if (runId != null
                              && backend[0].handOffs().pending().stream()
                                  .anyMatch(h -> h.runId().equals(runId))
                              && announced.add(runId)) {
                            announce("AWAITING " + runId);
                          }
                        }))
            .handle(
                "ci",
                (run, ctx) -> {
                  handled.set(run.runId());
                  long seconds = run.inputs().path("deadline_seconds").asLong(3600);
                  ctx.handOff(
                      HandOff.of(
                          "job-" + run.runId(),
                          Instant.now().plus(Duration.ofSeconds(seconds)),
                          "the CI's callback"));
                })
            .build();
    HandOffCallback ci =
        HandOffCallback.builder("ci")
            .verifier(verifier())
            .mapper(
                body ->
                    Optional.of(
                        CallbackCompletion.ofExternalId(
                            body.path("job").asText(), HandOffResult.success("passed"))))
            .build();
    WebhookReceiver receiver =
        WebhookReceiver.builder().backend(backend[0]).callback("/callbacks/ci", ci).port(0).start();
    announce("LISTENING " + receiver.port());
    new CountDownLatch(1).await(); // until SIGKILL, or the test's destroy
  }
}
