package io.portkit.examples.quickstart;

import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.webhook.server.WebhookReceiver;

/**
 * The smallest complete Port backend: one action, {@code hello}, that logs a greeting, adds a link
 * and ends SUCCESS. README.md shows {@link #start} verbatim; {@code HelloBackendTest} runs it
 * against the Port emulator so the snippet cannot drift.
 *
 * <p>Run it against real Port with {@code PORT_CLIENT_ID} and {@code PORT_CLIENT_SECRET} set:
 * {@code java -cp examples/target/port-examples.jar io.portkit.examples.quickstart.HelloBackend}.
 */
public final class HelloBackend {
  private HelloBackend() {}

  /** Starts a receiver on {@code httpPort} whose {@code hello} handler reports to {@code port}. */
  public static WebhookReceiver start(PortClient port, String clientSecret, int httpPort) {
    RunDispatcher dispatcher =
        RunDispatcher.builder()
            .client(port)
            .handle(
                "hello",
                (run, ctx) -> {
                  ctx.log("Hello, " + run.inputs().path("name").asText("world") + "!");
                  ctx.addLink("https://example.com/greetings/" + run.runId());
                }) // returning = SUCCESS, throwing = FAILURE
            .build();
    dispatcher.installShutdownHook(); // Ctrl-C fails runs in flight instead of leaving them
    SignatureVerifier verifier = SignatureVerifier.builder().addSecret(clientSecret).build();
    return WebhookReceiver.builder()
        .verifier(verifier)
        .dispatcher(dispatcher)
        .port(httpPort)
        .start();
  }

  /** Serves on port 8000 until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    ClientCredentials credentials = ClientCredentials.fromEnv();
    PortClient port = PortClient.builder().credentials(credentials).build();
    try (WebhookReceiver receiver = start(port, credentials.clientSecret(), 8000)) {
      System.out.println("Point the action's invocationMethod.url at " + receiver.uri());
      Thread.currentThread().join();
    }
  }
}
