package io.portkit.examples.quickstart;

import io.portkit.backend.PortBackend;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;

/**
 * The smallest complete Port backend: one action, {@code hello}, whose {@code name} input binds to
 * a record; it logs a greeting, adds a link and ends SUCCESS. README.md shows {@link #serve} and
 * {@link Greeting} verbatim; {@code HelloBackendTest} runs them against the Port emulator so the
 * snippet cannot drift.
 *
 * <p>Run it against real Port with {@code PORT_CLIENT_ID} and {@code PORT_CLIENT_SECRET} set:
 * {@code java -cp examples/target/port-examples.jar io.portkit.examples.quickstart.HelloBackend}.
 */
public final class HelloBackend {
  private HelloBackend() {}

  // The README quickstart, laid out for reading, so not reformatted:
  // spotless:off
  static WebhookReceiver serve(ClientCredentials credentials, URI portApi, int port) {
    PortBackend backend = PortBackend.builder()
        .credentials(credentials).apiUrl(portApi)   // API tokens, and the webhook signature
        .handle("hello", Greeting.class, (inputs, run, ctx) -> {
          ctx.log("Hello, " + inputs.name() + "!");
          ctx.addLink("https://example.com/greetings/" + run.runId());
        })                                          // return = SUCCESS, throw = FAILURE
        .build();
    return WebhookReceiver.serve(backend, port);    // Ctrl-C ends the runs in flight, then stops
  }

  record Greeting(String name) {}
  // spotless:on

  /** Serves on port 8000 until Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    serve(ClientCredentials.fromEnv(), PortClient.EU_API, 8000).awaitShutdown();
  }
}
