package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.backend.PortBackend;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.examples.handlers.ScenarioRouter;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The running backend: a {@link WebhookReceiver} that verifies Port's signature with the client
 * secret, and a {@link PortBackend} that acknowledges each run and hands it to the scenario router,
 * printing its events on a {@link Timeline}. {@code POST /} runs the handler, {@code POST /manual}
 * only acknowledges (the library's receiver keeps that route off unless asked; the CLI asks).
 *
 * <p>Thread-safe. {@link #close()} stops taking runs, lets those in flight finish for the grace
 * period, and fails the rest with the label "backend shut down".
 */
public final class Backend implements AutoCloseable {
  /** How long {@link #close()} lets runs in flight finish. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /**
   * How long each FAILURE for a run cut off by the shutdown may take; with {@link #SHUTDOWN_GRACE}
   * it fits in the CLI's stop budget ({@code StopSignal}).
   */
  public static final Duration REPORT_TIMEOUT = Duration.ofSeconds(5);

  private final PortBackend backend;
  private final WebhookReceiver receiver;

  private Backend(PortBackend backend, WebhookReceiver receiver) {
    this.backend = backend;
    this.receiver = receiver;
  }

  /**
   * Starts the backend on {@code host:port} (resolve it with {@link #address(String)} first, so a
   * bad {@code --host} is found before anything is opened), recording runs in {@code journal}
   * (nullable: none) before acknowledging them; runs a killed backend left unfinished are reported
   * FAILURE ("backend restarted") as it starts. The backend closes the journal.
   *
   * @param secret the client secret Port signs webhooks with; never printed
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public static Backend start(
      PortClient client,
      String secret,
      ScenarioRouter router,
      Timeline timeline,
      InetAddress host,
      int port,
      RunJournal journal) {
    return start(
        client, secret, router, timeline, host, port, journal, Clock.systemUTC(), Map.of());
  }

  /**
   * Starts the backend as {@link #start(PortClient, String, ScenarioRouter, Timeline, InetAddress,
   * int, RunJournal)} does, checking each delivery's signing time against {@code clock} (Port's,
   * the emulator's, so that deliveries signed after the demo moved it on still verify), and also
   * serving each hand-off callback on its path ({@code POST path}).
   */
  public static Backend start(
      PortClient client,
      String secret,
      ScenarioRouter router,
      Timeline timeline,
      InetAddress host,
      int port,
      RunJournal journal,
      Clock clock,
      Map<String, HandOffCallback> callbacks) {
    requireNonNull(router, "router == null");
    requireNonNull(callbacks, "callbacks == null");
    requireNonNull(timeline, "timeline == null");
    requireNonNull(secret, "secret == null");
    PortBackend.Builder builder =
        PortBackend.builder()
            .client(requireNonNull(client, "client == null"))
            .addVerificationSecret(secret) // also keys aes256-gcm secret inputs
            .verifier(
                SignatureVerifier.builder()
                    .addSecret(secret)
                    .clock(requireNonNull(clock, "clock == null"))
                    .build())
            .defaultHandler(router::handle)
            .shutdownGrace(SHUTDOWN_GRACE)
            // Every context prints to the timeline, the dispatcher's own reports included: a run
            // cut off by Ctrl-C shows its FAILURE there too.
            .dispatcher(d -> watched(d, client, timeline));
    if (journal != null) {
      builder.journal(journal);
    }
    PortBackend backend = builder.build();
    try {
      WebhookReceiver.Builder rx =
          WebhookReceiver.builder()
              .backend(backend)
              .manualRoute(true) // the CLI keeps the proof of concept's /manual (ADR 0136)
              .address(requireNonNull(host, "host == null"))
              .port(port)
              .shutdownHook(false); // the CLI stops in order on its own signal (StopSignal)
      callbacks.forEach(rx::callback);
      WebhookReceiver receiver = rx.start();
      return new Backend(backend, receiver);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /** Makes {@code d} report through {@code timeline}-watched contexts of {@code client}. */
  static RunDispatcher.Builder watched(
      RunDispatcher.Builder d, PortClient client, Timeline timeline) {
    return d.contexts((runId, mode) -> timeline.watch(client.runContext(runId, mode)))
        .reportTimeout(REPORT_TIMEOUT);
  }

  /**
   * Resolves {@code --host}.
   *
   * @throws BadSettingException if it is not an address of this machine's kind
   */
  static InetAddress address(String host) {
    try {
      return InetAddress.getByName(requireNonNull(host, "host == null"));
    } catch (UnknownHostException e) {
      throw new BadSettingException(
          "--host " + host + " is not an address of this machine: use 127.0.0.1 or 0.0.0.0");
    }
  }

  /** Returns the local delivery URL, for example {@code http://127.0.0.1:8000/}. */
  public URI uri() {
    return receiver.uri();
  }

  /** Returns the bound port. */
  public int port() {
    return receiver.port();
  }

  /** Stops the receiver, then the backend (finishing or failing the runs in flight). */
  @Override
  public void close() {
    receiver.close(); // closes the backend after intake stopped
    backend.close();
  }
}
