package io.portkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.dispatch.RunHandler;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on a real single-node KRaft broker, reported to PortEmulator; one broker for the class. */
class KafkaRunConsumerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static KafkaBroker broker;
  private static PortEmulator port;
  private static PortClient client;

  private final Map<String, List<String>> executions = new ConcurrentHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void startBrokerAndPort() throws Exception {
    broker = KafkaBroker.start();
    port = PortEmulator.start();
    port.defineAction(
        Action.builder("deploy")
            .title("deploy")
            .invocationMethod(InvocationMethod.kafka())
            .build());
    client = PortClient.builder().baseUri(port.baseUri()).credentials(port.credentials()).build();
  }

  @AfterAll
  static void stopBrokerAndPort() throws Exception {
    port.close();
    broker.close();
  }

  @org.junit.jupiter.api.AfterEach
  void closeMembers() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void consumer_runsProduced_executedAndReportedToPort() throws Exception {
    String topic = topic(1);
    member(topic, "org_test.runs-e2e", counting("A"), 8);
    List<String> ids = List.of(newRun(), newRun(), newRun());

    ids.forEach(id -> produce(topic, id));

    for (String id : ids) {
      EmulatedRun run = port.awaitRun(id, RunStatus.SUCCESS, WAIT);
      assertThat(run.logs()).extracting(RunLogEntry::message).contains("deploying 1.2.3");
      assertThat(executions.get(id)).containsExactly("A");
    }
  }

  record DeployInputs(String version) {}

  @Test
  void consumer_backend_verifiesWithItsSecretAndRunsTypedHandlers() throws Exception {
    String topic = topic(1);
    List<String> versions = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.portkit.backend.PortBackend backend =
        io.portkit.backend.PortBackend.builder()
            .credentials(port.credentials())
            .apiUrl(port.baseUri())
            .handle(
                "deploy", DeployInputs.class, (inputs, run, ctx) -> versions.add(inputs.version()))
            .build();
    open.add(backend);
    KafkaRunConsumer consumer =
        KafkaRunConsumer.builder()
            .settings(broker.settings(topic, "org_test.backend"))
            .backend(backend)
            .retryBackoff(Duration.ofMillis(100))
            .start();
    open.add(consumer);
    String forged = newRun();
    String genuine = newRun();
    long now = Instant.now().getEpochSecond(); // the backend verifies on the system clock

    broker.send(
        topic,
        forged,
        PortMessages.signed(
            PortMessages.envelope(forged, "deploy", "KAFKA"), "not-the-secret", now));
    broker.send(
        topic,
        genuine,
        PortMessages.signed(
            PortMessages.envelope(genuine, "deploy", "KAFKA"), port.clientSecret(), now));

    port.awaitRun(genuine, RunStatus.SUCCESS, WAIT);
    assertThat(versions).containsExactly("1.2.3");
    assertThat(port.run(forged).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
  }

  @Test
  void consumer_badSignature_skippedAndLaterRunsStillExecuted() throws Exception {
    String topic = topic(1);
    member(topic, "org_test.bad-sig", counting("A"), 8);
    String forged = newRun();
    String genuine = newRun();

    broker.send(
        topic,
        forged,
        PortMessages.signed(
            PortMessages.envelope(forged, "deploy", "KAFKA"),
            "not-the-secret",
            NOW.getEpochSecond()));
    produce(topic, genuine);

    port.awaitRun(
        genuine, RunStatus.SUCCESS, WAIT); // same partition, later offset: the forged one was read
    assertThat(executions).doesNotContainKey(forged);
    assertThat(port.run(forged).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
  }

  @Test
  void consumer_runRedelivered_notExecutedTwice() throws Exception {
    String topic = topic(1);
    member(topic, "org_test.redeliver", counting("A"), 8);
    String twice = newRun();
    String marker = newRun();

    produce(topic, twice);
    produce(topic, twice);
    produce(topic, marker);
    port.awaitRun(marker, RunStatus.SUCCESS, WAIT);
    // A new group re-reads the whole topic: every run there already ended in Port.
    String lateMarker = newRun();
    member(topic, "org_test.replay", counting("B"), 8);
    produce(topic, lateMarker);
    port.awaitRun(lateMarker, RunStatus.SUCCESS, WAIT);

    assertThat(executions.get(twice)).containsExactly("A");
    assertThat(executions.get(marker)).containsExactly("A");
    assertThat(executions.get(lateMarker)).hasSize(1);
  }

  @Test
  void group_twoMembersShareFourPartitions_everyRunExecutedExactlyOnce() throws Exception {
    String topic = topic(4);
    String group = "org_test.shared";
    KafkaRunConsumer a = member(topic, group, counting("A"), 8);
    KafkaRunConsumer b = member(topic, group, counting("B"), 8);
    assertThat(b.awaitAssignment(WAIT)).isTrue();
    assertThat(a.awaitAssignment(WAIT)).isTrue();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(newRun());
    }

    ids.forEach(id -> produce(topic, id));

    for (String id : ids) {
      port.awaitRun(id, RunStatus.SUCCESS, WAIT);
    }
    assertThat(executions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(executions.values()).allSatisfy(who -> assertThat(who).hasSize(1));
    assertThat(executions.values().stream().map(who -> who.get(0)).distinct())
        .containsExactlyInAnyOrder("A", "B");
  }

  @Test
  void group_memberKilledMidway_otherTakesOverAndNothingIsLostOrDoubled() throws Exception {
    String topic = topic(2);
    String group = "org_test.takeover";
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<String> heldByA = new CompletableFuture<>();
    RunHandler stuck =
        (run, ctx) -> {
          record(run.runId(), "A");
          heldByA.complete(run.runId());
          never.await(); // until the kill interrupts it
        };
    RunDispatcher dispatcherA = dispatcher(stuck, 1);
    KafkaRunConsumer a = consumer(topic, group, dispatcherA);
    assertThat(a.awaitAssignment(WAIT)).isTrue();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(newRun());
    }
    ids.forEach(id -> produce(topic, id));
    String held = heldByA.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    KafkaRunConsumer b = member(topic, group, counting("B"), 8);
    assertThat(b.awaitAssignment(WAIT)).isTrue();

    dispatcherA.shutdown(Duration.ZERO); // the run in A's hands ends FAILURE, not IN_PROGRESS
    a.close(); // A leaves; B takes every partition

    for (String id : ids) {
      port.awaitFinalStatus(id, WAIT);
    }
    EmulatedRun killed = port.run(held).orElseThrow();
    assertThat(killed.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(killed.statusLabel()).isEqualTo("backend shut down");
    for (String id : ids) {
      assertThat(executions.get(id)).as("executions of %s", id).hasSize(1);
      if (!id.equals(held)) {
        assertThat(port.run(id).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(executions.get(id)).containsExactly("B");
      }
    }
  }

  @Test
  void consumer_journaledDispatcher_commitsAfterDurableAcceptAndRunsOnce(@TempDir Path dir)
      throws Exception {
    String topic = topic(1);
    RunJournal journal = RunJournal.open(dir);
    open.add(journal);
    RunDispatcher durable =
        RunDispatcher.builder()
            .client(client)
            .handle("deploy", counting("J"))
            .journal(journal)
            .shutdownGrace(Duration.ZERO)
            .build();
    open.add(durable);
    consumer(topic, "org_test.journaled", durable);
    String id = newRun();

    produce(topic, id);
    produce(topic, id);
    String marker = newRun();
    produce(topic, marker);

    port.awaitRun(marker, RunStatus.SUCCESS, WAIT);
    port.awaitRun(id, RunStatus.SUCCESS, WAIT);
    assertThat(durable.isDurable()).isTrue();
    assertThat(journal.contains(id)).isTrue();
    assertThat(executions.get(id)).containsExactly("J");
  }

  private RunHandler counting(String member) {
    return (run, ctx) -> {
      record(run.runId(), member);
      ctx.log("deploying " + run.inputs().path("version").asText());
    };
  }

  private void record(String runId, String member) {
    executions
        .computeIfAbsent(runId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(member);
  }

  private KafkaRunConsumer member(String topic, String group, RunHandler handler, int maxInFlight) {
    return consumer(topic, group, dispatcher(handler, maxInFlight));
  }

  private RunDispatcher dispatcher(RunHandler handler, int maxInFlight) {
    RunDispatcher d =
        RunDispatcher.builder()
            .client(client)
            .handle("deploy", handler)
            .maxInFlight(maxInFlight)
            .shutdownGrace(Duration.ZERO)
            .build();
    open.add(d);
    return d;
  }

  private KafkaRunConsumer consumer(String topic, String group, RunDispatcher dispatcher) {
    KafkaRunConsumer c =
        KafkaRunConsumer.builder()
            .settings(broker.settings(topic, group))
            .reader(RunMessageReader.builder().secret(port.clientSecret()).clock(CLOCK).build())
            .dispatcher(dispatcher)
            .client(client)
            .retryBackoff(Duration.ofMillis(100))
            .start();
    open.add(c);
    return c;
  }

  private static String topic(int partitions) throws Exception {
    String topic = "org_test" + NAMES.incrementAndGet() + ".runs";
    broker.createTopic(topic, partitions);
    return topic;
  }

  private static String newRun() {
    return port.createRun("deploy", PortMessages.MAPPER.createObjectNode()).id();
  }

  private static void produce(String topic, String runId) {
    broker.send(
        topic,
        runId,
        PortMessages.signed(
            PortMessages.envelope(runId, "deploy", "KAFKA"),
            port.clientSecret(),
            NOW.getEpochSecond()));
  }
}
