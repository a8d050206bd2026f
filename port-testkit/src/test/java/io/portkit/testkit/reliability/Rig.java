package io.portkit.testkit.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.RetryPolicy;
import io.portkit.client.Sleeper;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RecordedRequest;
import io.portkit.webhook.server.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A real backend wired to a real emulator for reliability tests: PortEmulator, PortClient (with the
 * given retry policy and sleeper), RunDispatcher and WebhookReceiver, all on 127.0.0.1.
 */
final class Rig implements AutoCloseable {
  static final String ACTION = "deploy";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final PortEmulator port;
  final PortClient client;
  final RunDispatcher dispatcher;
  final WebhookReceiver receiver;
  private final Map<String, Integer> inputs = new ConcurrentHashMap<>();

  Rig(
      UnaryOperator<PortEmulator.Builder> emulator,
      RetryPolicy retries,
      Sleeper sleeper,
      UnaryOperator<RunDispatcher.Builder> handlers) {
    port = emulator.apply(PortEmulator.builder()).start();
    port.defineAction(
        Action.builder(ACTION)
            .title("Deploy")
            .invocationMethod(InvocationMethod.webhook(URI.create("http://127.0.0.1:9/")))
            .build());
    client =
        PortClient.builder()
            .baseUri(port.baseUri())
            .credentials(port.credentials())
            .retryPolicy(retries)
            .sleeper(sleeper)
            .build();
    dispatcher = handlers.apply(RunDispatcher.builder().client(client)).build();
    receiver =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(port.clientSecret()).build())
            .dispatcher(dispatcher)
            .port(0)
            .stopGrace(Duration.ZERO)
            .start();
  }

  /** Creates {@code n} IN_PROGRESS runs in the emulator without delivering them. */
  List<String> createRuns(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = port.createRun(ACTION, MAPPER.createObjectNode().put("n", i)).id();
      inputs.put(id, i);
      ids.add(id);
    }
    return ids;
  }

  /** The recommended-template body Port would send for {@code runId}, inputs {@code version, n}. */
  String body(String runId) {
    return "{\"port_context\":{\"runId\":\""
        + runId
        + "\",\"action\":\""
        + ACTION
        + "\"},\"inputs\":{\"version\":\"1.2.3\",\"n\":"
        + inputs.get(runId)
        + "},\"entity\":{}}";
  }

  /**
   * Counts, per run id, the requests Port accepted (2xx) that gave the run a final status: a PATCH
   * with status SUCCESS or FAILURE, or a log line with a terminationStatus.
   */
  Map<String, Integer> acceptedTerminations() {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedRequest r : port.requests()) {
      if (r.status() < 200 || r.status() > 299 || !r.path().startsWith("/v1/actions/runs/")) {
        continue;
      }
      String[] parts = r.path().split("/");
      boolean patch = r.method().equals("PATCH") && parts.length == 5;
      boolean log = r.method().equals("POST") && parts.length == 6 && parts[5].equals("logs");
      if ((patch && isFinal(json(r.body()).path("status").asText()))
          || (log && isFinal(json(r.body()).path("terminationStatus").asText()))) {
        counts.merge(parts[4], 1, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Counts the requests to {@code method} paths starting with {@code prefix}, by answered status.
   */
  Map<Integer, Integer> statusesOf(String method, String prefix) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (RecordedRequest r : port.requests()) {
      if (r.method().equals(method) && r.path().startsWith(prefix)) {
        counts.merge(r.status(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static boolean isFinal(String status) {
    return status.equals("SUCCESS") || status.equals("FAILURE");
  }

  private static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    receiver.close();
    dispatcher.close();
    port.close();
  }
}
