package io.portkit.testkit.client;

import io.portkit.client.PortClient;
import io.portkit.client.Sleeper;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.testkit.FakeClock;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An emulator with a catalog plus a PortClient pointed at it; client waits advance a fake clock
 * instead of sleeping.
 */
final class ClientFixture implements AutoCloseable {
  final FakeClock clock = FakeClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  final List<Duration> slept = new CopyOnWriteArrayList<>();
  final PortEmulator port;
  final PortClient client;

  ClientFixture() {
    this(PortEmulator.builder().seed(21).deliverWebhooks(false));
  }

  ClientFixture(PortEmulator.Builder builder) {
    this(builder, RateLimitPolicy.DEFAULT);
  }

  ClientFixture(PortEmulator.Builder builder, RateLimitPolicy rateLimitPolicy) {
    // The tests drive runs through the client; a webhook to the fixture URL would race them.
    port = builder.clock(clock).start();
    // Waits are recorded and move the shared fake clock, so rate windows and tokens age without
    // sleeping.
    Sleeper sleeper =
        duration -> {
          slept.add(duration);
          clock.advance(duration);
        };
    client =
        PortClient.builder()
            .baseUri(port.baseUri())
            .credentials(port.credentials())
            .clock(clock)
            .sleeper(sleeper)
            .rateLimitPolicy(rateLimitPolicy)
            .build();
    port.defineBlueprint(
        "{\"identifier\":\"service\",\"title\":\"Service\","
            + "\"schema\":{\"properties\":{\"tier\":{\"type\":\"string\"}}}}");
    port.defineAction(action("deploy", false));
    port.defineAction(action("deploy_sync", true));
  }

  private static Action action(String id, boolean sync) {
    return Action.builder(id)
        .title("Deploy")
        .blueprint("service")
        .invocationMethod(
            InvocationMethod.webhook(URI.create("http://127.0.0.1:9/hook")).synchronous(sync))
        .build();
  }

  String newRun(String action) {
    return port.createRun(
            action, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())
        .id();
  }

  long count(String method, String path) {
    return port.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .count();
  }

  List<RecordedRequest> requests(String method, String pathPrefix) {
    return port.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .toList();
  }

  @Override
  public void close() {
    port.close();
  }
}
