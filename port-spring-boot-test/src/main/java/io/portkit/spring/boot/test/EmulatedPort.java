package io.portkit.spring.boot.test;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.spring.boot.PortkitProperties;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * The emulated Port of a test, wired to this application: {@link #defineWebhookAction} defines an
 * action whose webhook is this application's {@code portkit.webhook.path} on its server's port (so
 * start the test with {@code webEnvironment = RANDOM_PORT} or {@code DEFINED_PORT}), and {@link
 * #trigger} runs it like a user in Port's UI: a signed webhook to the application's own server.
 * {@link #emulator()} gives the rest of port-testkit (faults, requests, run state).
 */
public final class EmulatedPort {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PortEmulator emulator;
  private final PortkitProperties properties;
  private final Environment environment;

  EmulatedPort(PortEmulator emulator, PortkitProperties properties, Environment environment) {
    this.emulator = emulator;
    this.properties = properties;
    this.environment = environment;
  }

  /** Returns the emulator. */
  public PortEmulator emulator() {
    return emulator;
  }

  /**
   * Returns the URL Port's webhooks reach this application at: {@code
   * http://127.0.0.1:{local.server.port}{context path}{servlet path}{portkit.webhook.path}}.
   *
   * @throws IllegalStateException if the application has no server port yet (a MOCK web
   *     environment)
   */
  public URI webhookUrl() {
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      throw new IllegalStateException(
          "the application has no server port: start the test with @SpringBootTest(webEnvironment"
              + " = RANDOM_PORT) so Port's webhooks can reach it");
    }
    return URI.create(
        "http://127.0.0.1:"
            + port
            + trim(environment.getProperty("server.servlet.context-path", ""))
            + trim(environment.getProperty("spring.mvc.servlet.path", ""))
            + properties.webhook().path());
  }

  /** Defines the asynchronous action {@code identifier}, delivered to {@link #webhookUrl()}. */
  public void defineWebhookAction(String identifier) {
    defineWebhookAction(identifier, false);
  }

  /**
   * Defines action {@code identifier}, delivered to {@link #webhookUrl()} with portkit's
   * recommended invocation ({@code InvocationMethod.webhook(url)}: run id, action, inputs, entity,
   * trigger).
   *
   * @param synchronous whether Port waits for the answer ({@code "synchronized": true})
   */
  public void defineWebhookAction(String identifier, boolean synchronous) {
    Objects.requireNonNull(identifier, "identifier == null");
    emulator.defineAction(
        Action.builder(identifier)
            .title(identifier)
            .invocationMethod(InvocationMethod.webhook(webhookUrl()).synchronous(synchronous))
            .build());
  }

  /**
   * Triggers {@code action} with {@code inputs} (a record, a map or a JSON object): the emulator
   * creates the run and delivers its signed webhook off this thread.
   *
   * @return the run id
   */
  public String trigger(String action, Object inputs) {
    return emulator.trigger(action, JSON.valueToTree(inputs)).id();
  }

  /** Waits, up to 10 s, for run {@code runId} to end, and returns it. */
  public EmulatedRun awaitFinalStatus(String runId) {
    return emulator.awaitFinalStatus(runId, Duration.ofSeconds(10));
  }

  private static String trim(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public String toString() {
    return "EmulatedPort[" + emulator.baseUri() + "]";
  }
}
