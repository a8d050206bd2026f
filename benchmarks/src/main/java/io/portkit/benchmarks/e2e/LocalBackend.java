package io.portkit.benchmarks.e2e;

import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A whole backend in one JVM for benchmarks: a {@link PortEmulator}, a {@link PortClient} using its
 * credentials, a {@link RunDispatcher} and a {@link WebhookReceiver} on 127.0.0.1, plus an action
 * {@code noop} whose webhook URL is the receiver, so {@link PortEmulator#trigger} delivers to it.
 *
 * <p>Not thread-safe to build or close; the parts it exposes are thread-safe.
 */
public final class LocalBackend implements AutoCloseable {
  /** The identifier of the action the backend defines. */
  public static final String ACTION = "noop";

  private final PortEmulator port;
  private final RunDispatcher dispatcher;
  private final WebhookReceiver receiver;

  /**
   * Starts the emulator, then the backend, configured by {@code handlers} on top of a builder that
   * already has the client.
   *
   * @param handlers registers handlers and limits; must not be null
   */
  public LocalBackend(UnaryOperator<RunDispatcher.Builder> handlers) {
    Objects.requireNonNull(handlers, "handlers == null");
    port = PortEmulator.start();
    PortClient client =
        PortClient.builder().baseUri(port.baseUri()).credentials(port.credentials()).build();
    dispatcher = handlers.apply(RunDispatcher.builder().client(client)).build();
    receiver =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(port.clientSecret()).build())
            .dispatcher(dispatcher)
            .port(0)
            .stopGrace(Duration.ZERO)
            .start();
    port.defineAction(
        Action.builder(ACTION)
            .title("Noop")
            .invocationMethod(InvocationMethod.webhook(receiver.uri()))
            .build());
  }

  /** Returns the emulator the backend reports to. */
  public PortEmulator port() {
    return port;
  }

  /** Returns the dispatcher running the handlers. */
  public RunDispatcher dispatcher() {
    return dispatcher;
  }

  /** Returns the receiver the action's webhook points at. */
  public WebhookReceiver receiver() {
    return receiver;
  }

  /** Stops the receiver, the dispatcher (failing runs still in flight) and the emulator. */
  @Override
  public void close() {
    receiver.close();
    dispatcher.close();
    port.close();
  }
}
