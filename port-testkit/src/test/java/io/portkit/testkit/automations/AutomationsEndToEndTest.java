package io.portkit.testkit.automations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.PortBackend;
import io.portkit.backend.invocation.AutomationEvent;
import io.portkit.backend.invocation.AutomationEvent.Kind;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunLog;
import io.portkit.client.run.RunStatus;
import io.portkit.client.run.RunUpdate;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.FakeClock;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every automation event kind, delivered by the emulator and handled by a PortBackend end to end:
 * entity create, update (with a jq condition), delete, any change, a timer on a FakeClock, run
 * create and run PATCH; and the loop bound.
 */
class AutomationsEndToEndTest {
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final List<String> AUTOMATIONS =
      List.of(
          "on_create",
          "on_update_alice",
          "on_delete",
          "on_any",
          "on_timer",
          "on_run_created",
          "on_run_updated");

  record Env(String owner, Instant expiresAt) {}

  private final FakeClock clock = FakeClock.at(START);
  private final Map<String, AutomationEvent> seen = new ConcurrentHashMap<>();

  private static Action automation(String id, String event, String target, URI url, String extra) {
    String key =
        event.startsWith("RUN") || event.equals("ANY_RUN_CHANGE")
            ? "actionIdentifier"
            : "blueprintIdentifier";
    return Action.fromJson(
        "{\"identifier\":\""
            + id
            + "\",\"trigger\":{\"type\":\"automation\",\"event\":{\"type\":\""
            + event
            + "\",\""
            + key
            + "\":\""
            + target
            + "\""
            + extra
            + "}},\"invocationMethod\":"
            + InvocationMethod.webhook(url).toJsonNode()
            + ",\"publish\":true}");
  }

  private void withPort(
      int chainLimit, Consumer<PortBackend.Builder> handlers, Consumer<Rig> test) {
    try (PortEmulator port =
        PortEmulator.builder().clock(clock).automationChainLimit(chainLimit).start()) {
      PortBackend.Builder b =
          PortBackend.builder()
              .credentials(port.credentials())
              .apiUrl(port.baseUri())
              // the emulator signs with its FakeClock: verify against the same clock
              .verifier(
                  SignatureVerifier.builder().addSecret(port.clientSecret()).clock(clock).build());
      handlers.accept(b);
      try (WebhookReceiver rx = WebhookReceiver.builder().backend(b.build()).port(0).start()) {
        port.defineBlueprint(
            "{\"identifier\":\"env\",\"title\":\"Env\",\"schema\":{\"properties\":{"
                + "\"owner\":{\"type\":\"string\"},\"n\":{\"type\":\"number\"},"
                + "\"expires_at\":{\"type\":\"string\",\"format\":\"timer\"}}}}");
        port.defineAction(
            Action.builder("deploy")
                .invocationMethod(InvocationMethod.webhook(URI.create("http://127.0.0.1:9/")))
                .build());
        PortClient client =
            PortClient.builder().baseUri(port.baseUri()).credentials(port.credentials()).build();
        test.accept(new Rig(port, client, rx.uri()));
      }
    }
  }

  record Rig(PortEmulator port, PortClient client, URI url) {
    void awaitAll() {
      for (String id : AUTOMATIONS) {
        for (EmulatedRun run : runsOf(id)) {
          port.awaitRun(run.id(), RunStatus.SUCCESS, WAIT);
        }
      }
    }

    List<EmulatedRun> runsOf(String automation) {
      return port.runs().stream().filter(r -> r.action().equals(automation)).toList();
    }
  }

  private void recordAll(PortBackend.Builder b) {
    for (String id : AUTOMATIONS) {
      b.automation(
          id,
          (event, run, ctx) -> {
            seen.put(id + ":" + event.kind(), event);
            ctx.log(id + " saw " + event);
          });
    }
  }

  @Test
  void everyEventKind_deliveredAndHandled_endToEnd() {
    withPort(
        10,
        this::recordAll,
        rig -> {
          PortEmulator port = rig.port();
          port.defineAction(automation("on_create", "ENTITY_CREATED", "env", rig.url(), ""));
          port.defineAction(
              automation(
                  "on_update_alice",
                  "ENTITY_UPDATED",
                  "env",
                  rig.url(),
                  "},\"condition\":{\"type\":\"JQ\",\"combinator\":\"and\",\"expressions\":["
                      + "\".diff.after.properties.owner == \\\"alice\\\"\","
                      + "\".diff.before.properties.owner != .diff.after.properties.owner\"]"));
          port.defineAction(automation("on_delete", "ENTITY_DELETED", "env", rig.url(), ""));
          port.defineAction(automation("on_any", "ANY_ENTITY_CHANGE", "env", rig.url(), ""));
          port.defineAction(
              automation(
                  "on_timer",
                  "TIMER_PROPERTY_EXPIRED",
                  "env",
                  rig.url(),
                  ",\"propertyIdentifier\":\"expires_at\""));
          port.defineAction(automation("on_run_created", "RUN_CREATED", "deploy", rig.url(), ""));
          port.defineAction(automation("on_run_updated", "RUN_UPDATED", "deploy", rig.url(), ""));

          Instant expires = START.plus(Duration.ofMinutes(30));
          rig.client()
              .entities()
              .upsert(
                  "env",
                  Entity.builder("dev-1")
                      .property("owner", "bob")
                      .property("expires_at", expires.toString())
                      .build());
          rig.client()
              .entities()
              .upsert(
                  "env",
                  Entity.builder("dev-1")
                      .property("owner", "alice")
                      .property("expires_at", expires.toString())
                      .build());
          rig.client()
              .entities()
              .upsert(
                  "env",
                  Entity.builder("dev-1")
                      .property("owner", "alice")
                      .property("expires_at", expires.toString())
                      .build()); // owner unchanged: the condition's second expression fails
          assertThat(port.checkTimers()).isEmpty(); // not yet
          // Deliveries signed before the clock moves must be verified before it does.
          rig.awaitAll();
          clock.advance(Duration.ofMinutes(31)); // fires the timer before it returns
          assertThat(rig.runsOf("on_timer")).hasSize(1);
          assertThat(port.checkTimers()).isEmpty(); // once per value
          rig.client().entities().delete("env", "dev-1");

          String deploy =
              port.createRun(
                      "deploy",
                      new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())
                  .id();
          rig.client().runs().addLog(deploy, RunLog.of("logs do not count")); // no RUN_UPDATED
          rig.client().runs().update(deploy, RunUpdate.builder().statusLabel("halfway").build());

          rig.awaitAll();
          assertThat(rig.runsOf("on_create")).hasSize(1);
          assertThat(rig.runsOf("on_update_alice")).hasSize(1);
          assertThat(rig.runsOf("on_delete")).hasSize(1);
          assertThat(rig.runsOf("on_any")).hasSize(4); // create, two updates, delete
          assertThat(rig.runsOf("on_run_created")).hasSize(1);
          assertThat(rig.runsOf("on_run_updated")).hasSize(1);

          AutomationEvent created = seen.get("on_create:" + Kind.ENTITY_CREATED);
          assertThat(created.entityIdentifier()).contains("dev-1");
          assertThat(created.diff().before()).isEmpty();
          assertThat(created.diff().after(Env.class)).contains(new Env("bob", expires));
          AutomationEvent updated = seen.get("on_update_alice:" + Kind.ENTITY_UPDATED);
          assertThat(updated.diff().before(Env.class).orElseThrow().owner()).isEqualTo("bob");
          AutomationEvent deleted = seen.get("on_delete:" + Kind.ENTITY_DELETED);
          assertThat(deleted.diff().after()).isEmpty();
          AutomationEvent timer = seen.get("on_timer:" + Kind.TIMER_PROPERTY_EXPIRED);
          assertThat(timer.propertyIdentifier()).contains("expires_at");
          assertThat(timer.diff().before()).isEmpty();
          assertThat(seen.get("on_run_created:" + Kind.RUN_CREATED).actionIdentifier())
              .contains("deploy");
          AutomationEvent runUpdated = seen.get("on_run_updated:" + Kind.RUN_UPDATED);
          assertThat(runUpdated.runId()).contains(deploy);
          assertThat(runUpdated.diff().after().orElseThrow().path("statusLabel").asText())
              .isEqualTo("halfway");
          assertThat(seen)
              .containsKeys("on_any:" + Kind.ENTITY_DELETED, "on_any:" + Kind.ENTITY_UPDATED);
          EmulatedRun timerRun = rig.runsOf("on_timer").get(0);
          assertThat(
                  timerRun
                      .payload()
                      .path("body")
                      .path("port_context")
                      .path("trigger")
                      .path("origin")
                      .asText())
              .isEqualTo("AUTOMATION");
          assertThat(port.automationWarnings()).isEmpty();
        });
  }

  @Test
  void backendWhoseOwnWriteRetriggersItsAutomation_isStoppedAtTheChainLimit() {
    withPort(
        3,
        b ->
            b.automation(
                "touch",
                (event, run, ctx) -> {
                  int n = event.diff().after().orElseThrow().path("properties").path("n").asInt();
                  ctx.upsertEntity(
                      "env",
                      Entity.builder("loop-1")
                          .property("owner", "bot")
                          .property("n", n + 1)
                          .build());
                }),
        rig -> {
          PortEmulator port = rig.port();
          port.defineAction(automation("touch", "ENTITY_UPDATED", "env", rig.url(), ""));
          rig.client().entities().upsert("env", Entity.builder("loop-1").property("n", 0).build());
          rig.client().entities().upsert("env", Entity.builder("loop-1").property("n", 1).build());

          for (int i = 0; i < 3; i++) {
            List<EmulatedRun> runs = rig.runsOf("touch");
            assertThat(runs).hasSizeGreaterThan(i);
            port.awaitRun(runs.get(i).id(), RunStatus.SUCCESS, WAIT);
          }

          assertThat(rig.runsOf("touch")).hasSize(3);
          assertThat(port.automationWarnings())
              .singleElement()
              .asString()
              .contains("automation touch was not triggered", "holds 3 automation runs", "a loop");
          assertThat(rig.runsOf("touch").get(2).logs())
              .anySatisfy(log -> assertThat(log.message()).contains("the emulator stops it here"));
        });
  }

  @Test
  void unknownEventType_refusedWhenDefined() {
    withPort(
        10,
        b -> b.defaultHandler((run, ctx) -> {}),
        rig ->
            assertThatThrownBy(
                    () ->
                        rig.port()
                            .defineAction(automation("x", "ENTITY_RENAMED", "env", rig.url(), "")))
                .hasMessageContaining("automation event type must be one of"));
  }
}
