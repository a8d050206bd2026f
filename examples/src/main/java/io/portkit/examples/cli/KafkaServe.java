package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.examples.handlers.ScenarioRouter;
import io.portkit.kafka.KafkaRunConsumer;
import io.portkit.kafka.KafkaSettings;
import io.portkit.kafka.RunMessageReader;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code serve --transport kafka}: the same scenario handlers as the webhook backend, fed by a
 * consumer of {@code ORG_ID.runs} (settings {@code PORT_KAFKA_*}, see {@link KafkaSettings}).
 */
final class KafkaServe {
  private KafkaServe() {}

  /**
   * Reads the Kafka settings from {@code settings}.
   *
   * @throws BadSettingException naming what is missing or wrong
   */
  static KafkaSettings settings(Map<String, String> settings) {
    try {
      return KafkaSettings.fromEnv(settings);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BadSettingException(e.getMessage());
    }
  }

  /**
   * Consumes until {@code stop}; then leaves the group and settles the runs in flight. Runs are
   * recorded in {@code journal} before their offsets are committed; the caller closes it.
   */
  static int serve(
      KafkaSettings kafka,
      PortClient client,
      String secret,
      ScenarioRouter router,
      Timeline timeline,
      RunJournal journal,
      StopSignal stop,
      PrintStream out)
      throws InterruptedException {
    requireNonNull(router, "router == null");
    RunDispatcher dispatcher =
        Backend.watched(RunDispatcher.builder(), client, timeline)
            .client(client)
            .defaultHandler((run, ctx) -> router.handle(run, timeline.watch(ctx)))
            .shutdownGrace(Backend.SHUTDOWN_GRACE)
            .journal(
                requireNonNull(journal, "journal == null")) // offsets follow durable acceptance
            .build();
    // Closed in reverse: the consumer leaves the group first, then the dispatcher ends its runs.
    try (dispatcher;
        KafkaRunConsumer consumer =
            KafkaRunConsumer.builder()
                .settings(kafka)
                .reader(RunMessageReader.builder().secret(secret).build())
                .dispatcher(dispatcher)
                .client(client)
                .start()) {
      out.println(
          "Consuming Port runs from "
              + kafka.topic()
              + " as group "
              + kafka.groupId()
              + " ("
              + kafka.brokers()
              + ")");
      out.println(
          "Set the action's invocationMethod to {\"type\": \"KAFKA\"}. Press Ctrl-C to stop.");
      out.flush();
      stop.await();
      out.println(
          "Stopping: consumer (holding "
              + consumer.assignment().size()
              + " partition(s)), runs in flight.");
      return 0;
    }
  }
}
