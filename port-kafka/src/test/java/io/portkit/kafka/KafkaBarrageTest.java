package io.portkit.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.PortEmulator;
import io.portkit.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP barrage, on Kafka messages (issue #12): not JSON, wrong types, huge, too deep, unsigned,
 * signed with another secret, a duplicate key, a replayed run, and one whose handling throws,
 * interleaved with valid runs on one partition. The consumer loop never dies, each poison message
 * is logged once and its offset moves on, and every valid run is executed exactly once.
 */
class KafkaBarrageTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static KafkaBroker broker;
  private static PortEmulator port;
  private static PortClient client;

  @BeforeAll
  static void start() throws Exception {
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
  static void stop() throws Exception {
    port.close();
    broker.close();
  }

  @Test
  void barrage_loopSurvivesPoisonLoggedOnceOffsetsMoveOnAndNoRunIsLost(@TempDir Path dir)
      throws Exception {
    String topic = "org_barrage.runs";
    broker.createTopic(topic, 1);
    Map<String, AtomicInteger> executed = new ConcurrentHashMap<>();
    RunJournal journal = RunJournal.open(dir);
    RunDispatcher runs =
        RunDispatcher.builder()
            .client(client)
            .journal(journal)
            .handle(
                "deploy",
                (run, ctx) ->
                    executed
                        .computeIfAbsent(run.runId(), k -> new AtomicInteger())
                        .incrementAndGet())
            .shutdownGrace(Duration.ofSeconds(5))
            .build();
    String boom = newRun();
    // A dispatcher bug for one run: its handling throws every time the message is read.
    InvocationDispatcher buggy =
        run -> {
          if (run.runId().equals(boom)) {
            throw new IllegalStateException("a bug for " + boom);
          }
          return runs.dispatch(run);
        };

    String secret = port.clientSecret();
    long ts = NOW.getEpochSecond();
    List<String> valid = new ArrayList<>();
    Map<Long, String> poison = new LinkedHashMap<>();
    List<byte[]> messages = new ArrayList<>();
    String replayed = newRun();
    ObjectNode wrongTypes = PortMessages.envelope("r_x", "deploy", "KAFKA");
    ((ObjectNode) wrongTypes.get("context")).put("runId", 5);
    ObjectNode headersNotObject = PortMessages.envelope("r_y", "deploy", "KAFKA");
    headersNotObject.put("headers", "x");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    StringBuilder huge = new StringBuilder("[");
    for (int i = 0; i < 90_000; i++) {
      huge.append(i == 0 ? "" : ",").append("\"xxxxxxx\"");
    }
    Object[][] cases = {
      {"not JSON", "this is not json".getBytes(UTF_8)},
      {"empty", new byte[0]},
      {"JSON array", "[1,2,3]".getBytes(UTF_8)},
      {"run id of the wrong type", PortMessages.signed(wrongTypes, secret, ts)},
      {"headers not an object", PortMessages.MAPPER.writeValueAsBytes(headersNotObject)},
      {"huge (900 KB)", huge.append("]").toString().getBytes(UTF_8)},
      {"5,000 deep", deep.getBytes(UTF_8)},
      {
        "unsigned",
        PortMessages.MAPPER.writeValueAsBytes(PortMessages.envelope(newRun(), "deploy", "KAFKA"))
      },
      {
        "another secret",
        PortMessages.signed(
            PortMessages.envelope(newRun(), "deploy", "KAFKA"), "not-the-secret", ts)
      },
      {
        "duplicate key",
        ("{\"resourceType\":\"run\",\"context\":{\"runId\":\"r_a\",\"runId\":\"r_b\"}}")
            .getBytes(UTF_8)
      },
      {
        "handling throws",
        PortMessages.signed(PortMessages.envelope(boom, "deploy", "KAFKA"), secret, ts)
      },
    };
    for (Object[] c : cases) {
      String id = newRun();
      valid.add(id);
      messages.add(PortMessages.signed(PortMessages.envelope(id, "deploy", "KAFKA"), secret, ts));
      poison.put((long) messages.size(), (String) c[0]);
      messages.add((byte[]) c[1]);
    }
    byte[] replay =
        PortMessages.signed(PortMessages.envelope(replayed, "deploy", "KAFKA"), secret, ts);
    messages.add(replay);
    messages.add(replay); // the same run again: a duplicate, executed once
    String last = newRun();
    valid.add(last);
    messages.add(PortMessages.signed(PortMessages.envelope(last, "deploy", "KAFKA"), secret, ts));

    try (CapturedLogs.Recording logs = CapturedLogs.startRecording();
        runs;
        journal;
        KafkaRunConsumer consumer =
            KafkaRunConsumer.builder()
                .settings(broker.settings(topic, "org_barrage"))
                .reader(RunMessageReader.builder().secret(secret).clock(CLOCK).build())
                .dispatcher(buggy)
                .client(client)
                .retryBackoff(Duration.ofMillis(100))
                .start()) {
      for (byte[] m : messages) {
        broker.send(topic, "k", m);
      }

      for (String id : valid) {
        assertThat(port.awaitRun(id, RunStatus.SUCCESS, WAIT).status())
            .isEqualTo(RunStatus.SUCCESS);
      }
      port.awaitRun(replayed, RunStatus.SUCCESS, WAIT);
      assertThat(consumer.awaitTermination(Duration.ZERO))
          .as("the loop is still running")
          .isFalse();
      assertThat(committed(topic)).isEqualTo(messages.size());

      for (Map.Entry<Long, String> p : poison.entrySet()) {
        String where = topic + "-0@" + p.getKey() + " ";
        assertThat(logs.lines())
            .as("log lines for %s (%s)", where, p.getValue())
            .filteredOn(l -> (l.message() + " ").contains(where))
            .hasSize(1);
      }
    }
    for (String id : valid) {
      assertThat(executed.get(id)).as(id).hasValue(1);
    }
    assertThat(executed.get(replayed)).hasValue(1);
    assertThat(executed).doesNotContainKey(boom);
  }

  private static long committed(String topic) throws Exception {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", broker.bootstrapServers());
    TopicPartition tp = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(p)) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      long offset = -1;
      while (System.nanoTime() < deadline) {
        // The loop commits after each batch; poll the group's offset until it reaches the end.
        OffsetAndMetadata o =
            admin
                .listConsumerGroupOffsets("org_barrage")
                .partitionsToOffsetAndMetadata()
                .get()
                .get(tp);
        offset = o == null ? -1 : o.offset();
        if (offset >= 0 && offset == endOffset(admin, tp)) {
          return offset;
        }
      }
      return offset;
    }
  }

  private static long endOffset(Admin admin, TopicPartition tp) throws Exception {
    return admin
        .listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
        .partitionResult(tp)
        .get()
        .offset();
  }

  private static String newRun() {
    return port.createRun("deploy", PortMessages.MAPPER.createObjectNode()).id();
  }
}
