package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.PortBackend;
import io.portkit.backend.invocation.AutomationEvent;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.PortApiException;
import io.portkit.client.PortClient;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.examples.allowlist.AllowlistEntry;
import io.portkit.examples.allowlist.AllowlistExpiryScheduler;
import io.portkit.examples.allowlist.TemporaryAllowlist;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.FakeClock;
import io.portkit.testkit.PortEmulator;
import io.portkit.webhook.server.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * revoke_temporary_access end to end: the emulator's timer on a FakeClock fires the automation, a
 * PortBackend runs the handler, and the local expiry fallback runs before or after it, or alone.
 */
class RevokeAccessHandlerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofMinutes(2);
  private static final String IP = "203.0.113.7";

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.at(T0);
  private final ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(1);
  private final CountDownLatch fallbackDone = new CountDownLatch(1);
  private volatile boolean revokeAfterFallback;
  private PortEmulator port;
  private PortClient client;
  private TemporaryAllowlist allowlist;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    port = PortEmulator.builder().clock(clock).start();
    client =
        PortClient.builder()
            .baseUri(port.baseUri())
            .credentials(port.credentials())
            .clock(clock)
            .build();
    allowlist = newAllowlist();
    AllowlistHandler grant = new AllowlistHandler(allowlist);
    RevokeAccessHandler revoke = new RevokeAccessHandler(allowlist);
    PortBackend backend =
        PortBackend.builder()
            .client(client)
            // the emulator signs with its FakeClock: verify against the same clock
            .verifier(
                SignatureVerifier.builder().addSecret(port.clientSecret()).clock(clock).build())
            .handle(DemoCatalog.GRANT_TEMPORARY_ACCESS, grant::handle)
            .automation(
                DemoCatalog.REVOKE_TEMPORARY_ACCESS,
                (event, run, ctx) -> {
                  if (revokeAfterFallback && !fallbackDone.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the fallback did not run");
                  }
                  revoke.handle(event, run, ctx);
                })
            .build();
    receiver =
        WebhookReceiver.builder()
            .backend(backend)
            .port(0)
            .shutdownHook(false)
            .stopGrace(Duration.ZERO)
            .start();
    DemoCatalog.install(port, receiver.uri());
  }

  @AfterEach
  void stop() {
    receiver.close();
    executor.shutdownNow();
    port.close();
  }

  private TemporaryAllowlist newAllowlist() {
    return TemporaryAllowlist.builder().snippetFile(dir.resolve("allow.conf")).clock(clock).build();
  }

  /** Grants IP for 30 minutes (until 09:30) and returns the temporary_access entity. */
  private String grant() {
    String run =
        client
            .runs()
            .create(
                DemoCatalog.GRANT_TEMPORARY_ACCESS, Map.of("ip", IP, "duration_minutes", 30), null)
            .id();
    return port.awaitRun(run, RunStatus.SUCCESS, WAIT).entities().get(0).identifier();
  }

  private EmulatedRun theAutomationRun() {
    List<EmulatedRun> runs =
        port.runs().stream()
            .filter(r -> r.action().equals(DemoCatalog.REVOKE_TEMPORARY_ACCESS))
            .toList();
    assertThat(runs).as("runs of the automation").hasSize(1);
    return runs.get(0);
  }

  /** Starts the fallback as Scenarios does and waits for its first check's removals. */
  private List<AllowlistEntry> runFallback(TemporaryAllowlist on) throws Exception {
    CompletableFuture<List<AllowlistEntry>> removed = new CompletableFuture<>();
    ExpiredAccessRemover remover = new ExpiredAccessRemover(client.entities());
    try (AllowlistExpiryScheduler fallback =
        new AllowlistExpiryScheduler(
            on,
            executor,
            clock,
            Duration.ofHours(1),
            GRACE,
            entries -> {
              remover.accept(entries);
              removed.complete(entries);
            })) {
      fallback.start();
      return removed.get(10, TimeUnit.SECONDS);
    }
  }

  private void assertRevokedEverywhere(String entity) throws Exception {
    assertThat(allowlist.entries()).isEmpty();
    assertThat(newAllowlist().entries()).isEmpty();
    assertThat(Files.readString(dir.resolve("allow.conf"))).doesNotContain(IP);
    assertThatThrownBy(() -> client.entities().get("temporary_access", entity))
        .isInstanceOfSatisfying(
            PortApiException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
  }

  private long entityDeletes(String entity) {
    return port.requests().stream()
        .filter(r -> r.method().equals("DELETE") && r.path().contains(entity))
        .count();
  }

  @Test
  void automationFirst_revokesAndDeletes_thenTheFallbackFindsNothing() throws Exception {
    String entity = grant();

    clock.advance(Duration.ofMinutes(31)); // the timer fires before advance returns
    EmulatedRun run = port.awaitRun(theAutomationRun().id(), RunStatus.SUCCESS, WAIT);

    assertThat(run.summary()).isEqualTo("Access for " + IP + " revoked");
    assertThat(run.logs())
        .extracting(RunLogEntry::message)
        .contains("Removed " + IP + " from allow.conf: its timer expired at 2026-03-01T09:30:00Z");
    assertRevokedEverywhere(entity);
    clock.advance(GRACE); // the fallback's turn: nothing left to remove, nothing to delete
    assertThat(allowlist.expireDue(GRACE)).isEmpty();
    assertThat(entityDeletes(entity)).isEqualTo(1);
    assertThat(port.automationWarnings()).isEmpty();
  }

  @Test
  void fallbackFirst_automationArrivingLater_findsNothingSaysSoOnceAndSucceeds() throws Exception {
    revokeAfterFallback = true; // the timer's run waits until the fallback has revoked
    String entity = grant();

    clock.advance(Duration.ofMinutes(33)); // past the expiry and the fallback's grace
    String automationRun = theAutomationRun().id();
    assertThat(runFallback(allowlist))
        .extracting(AllowlistEntry::identifier)
        .containsExactly(entity);
    assertRevokedEverywhere(entity);
    fallbackDone.countDown();
    EmulatedRun run = port.awaitRun(automationRun, RunStatus.SUCCESS, WAIT);

    assertThat(run.summary()).isEqualTo("Access for " + IP + " was already revoked");
    assertThat(run.logs())
        .extracting(RunLogEntry::message)
        .filteredOn(m -> m.contains(IP))
        .containsExactly(
            IP
                + " was no longer in allow.conf: already revoked by the local expiry (or an"
                + " earlier run); nothing to remove");
    assertThat(entityDeletes(entity)).isEqualTo(2); // the fallback's, then the run's 404
  }

  @Test
  void backendDownWhenTheTimerFired_theFallbackRevokesOnRestart() throws Exception {
    String entity = grant();
    receiver.close(); // the backend is down

    clock.advance(Duration.ofMinutes(33));
    EmulatedRun missed = port.awaitRun(theAutomationRun().id(), RunStatus.FAILURE, WAIT);
    assertThat(missed.summary()).startsWith("Failed to invoke the webhook");
    assertThat(allowlist.entries()).hasSize(1); // nobody revoked it yet

    TemporaryAllowlist restarted = newAllowlist(); // read back from its files
    assertThat(runFallback(restarted))
        .extracting(AllowlistEntry::identifier)
        .containsExactly(entity);
    assertThat(restarted.entries()).isEmpty();
    assertThat(Files.readString(dir.resolve("allow.conf"))).doesNotContain(IP);
    assertThatThrownBy(() -> client.entities().get("temporary_access", entity))
        .isInstanceOf(PortApiException.class);
  }

  @Test
  void otherEvent_orNoEvent_failsSayingWhy() throws Exception {
    RevokeAccessHandler handler = new RevokeAccessHandler(allowlist);
    String first =
        port.createRun(DemoCatalog.GRANT_TEMPORARY_ACCESS, EmulatedPort.MAPPER.createObjectNode())
            .id();
    String second =
        port.createRun(DemoCatalog.GRANT_TEMPORARY_ACCESS, EmulatedPort.MAPPER.createObjectNode())
            .id();
    AutomationEvent deleted =
        AutomationEvent.fromJson(
            EmulatedPort.MAPPER.readTree(
                "{\"action\":\"DELETE\",\"resourceType\":\"entity\",\"context\":"
                    + "{\"blueprintIdentifier\":\"temporary_access\",\"entityIdentifier\":\"a\"},"
                    + "\"diff\":{\"before\":{\"identifier\":\"a\"},\"after\":null}}"));

    handler.handle(RunInvocation.fromRun(client.runs().get(first)), client.runContext(first));
    handler.handle(
        deleted, RunInvocation.fromRun(client.runs().get(second)), client.runContext(second));

    assertThat(port.run(first).orElseThrow().summary())
        .isEqualTo(
            "Not revoked: run "
                + first
                + " carries no event: add \"event\": \"{{ .event }}\" to the automation's"
                + " invocationMethod.body (portkit's recommended body has it)");
    assertThat(port.run(second).orElseThrow().summary())
        .isEqualTo(
            "Not revoked: expected the timer expiry of a temporary_access entity, got"
                + " AutomationEvent[kind=ENTITY_DELETED, blueprint=temporary_access, entity=a]");
  }
}
