package io.portkit.testkit.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.WebhookDelivery;
import io.portkit.webhook.server.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 runs created at once against a backend with a journal and the default limits: the emulator
 * delivers every signed webhook, each is answered 202 (64 start, the rest queue on disk), and every
 * run ends SUCCESS exactly once.
 */
class BurstQueueTest {
  private static final int RUNS = 2_000;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path journalDir;

  @Test
  void twoThousandRunsAtOnce_eachAnswered202AndEndsSuccessExactlyOnce() throws Exception {
    CountDownLatch allDelivered = new CountDownLatch(1);
    try (PortEmulator port = PortEmulator.start()) {
      PortClient client =
          PortClient.builder().baseUri(port.baseUri()).credentials(port.credentials()).build();
      RunDispatcher dispatcher =
          RunDispatcher.builder()
              .client(client)
              .journal(RunJournal.open(journalDir))
              .handle(
                  "bulk",
                  (run, ctx) -> {
                    // The first 64 hold their slots until every run was delivered, so the queue
                    // really holds the other 1,936.
                    if (!allDelivered.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                      throw new IllegalStateException("the burst was not delivered in time");
                    }
                  })
              .build();
      try (WebhookReceiver receiver =
          WebhookReceiver.builder()
              .verifier(SignatureVerifier.builder().addSecret(port.clientSecret()).build())
              .dispatcher(dispatcher)
              .port(0)
              .start()) {
        port.defineAction(
            Action.builder("bulk")
                .title("bulk")
                .invocationMethod(
                    InvocationMethod.webhook(
                        URI.create("http://127.0.0.1:" + receiver.port() + "/")))
                .build());

        // In waves of 100, each delivered before the next: the emulator opens one connection
        // per webhook in flight, and more than the JDK server's idle-connection bound (1,024 as
        // portkit sets it, 200 when another test's server started first in this JVM) lose
        // deliveries (docs/performance.md). The handlers block meanwhile, so the queue fills as
        // in one burst.
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < RUNS; from += 100) {
          List<String> wave = new ArrayList<>();
          for (int i = from; i < from + 100; i++) {
            wave.add(port.trigger("bulk", JsonNodeFactory.instance.objectNode()).id());
          }
          for (String id : wave) {
            port.awaitDelivery(id, WAIT);
          }
          ids.addAll(wave);
        }
        int queuedAtPeak = dispatcher.queued();
        int executingAtPeak = dispatcher.inFlight();
        allDelivered.countDown();
        for (String id : ids) {
          port.awaitFinalStatus(id, WAIT);
        }

        assertThat(executingAtPeak).isEqualTo(RunDispatcher.Builder.DEFAULT_MAX_IN_FLIGHT);
        assertThat(queuedAtPeak).isEqualTo(RUNS - RunDispatcher.Builder.DEFAULT_MAX_IN_FLIGHT);
        List<EmulatedRun> runs = ids.stream().map(id -> port.run(id).orElseThrow()).toList();
        assertThat(runs)
            .flatExtracting(EmulatedRun::deliveries)
            .extracting(WebhookDelivery::status)
            .hasSize(RUNS)
            .containsOnly(202);
        assertThat(runs).extracting(EmulatedRun::status).containsOnly(RunStatus.SUCCESS);
        Map<String, Integer> finals = FinalStatuses.perRun(port);
        assertThat(finals).hasSize(RUNS);
        assertThat(finals.values()).containsOnly(1);
        assertThat(dispatcher.queued()).isZero();
        dispatcher.close();
      }
    }
  }
}
