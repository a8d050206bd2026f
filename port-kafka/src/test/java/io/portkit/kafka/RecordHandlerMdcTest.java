package io.portkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.kafka.internal.RecordHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RecordHandlerMdcTest {
  private static final String SECRET = "kafka-mdc-test-secret";
  private static final long TS = 1_780_000_000L;

  @Test
  void handle_signedRun_runIdAndActionInTheMdcWhileDispatched_clearedAfter() {
    Map<String, String> seen = new HashMap<>();
    RunMessageReader reader =
        RunMessageReader.builder()
            .secret(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
            .build();
    RecordHandler handler =
        new RecordHandler(
            reader,
            run -> {
              seen.putAll(MDC.getCopyOfContextMap());
              return DispatchOutcome.accepted();
            },
            null);
    byte[] message =
        PortMessages.signed(PortMessages.envelope("r_mdc1", "deploy", "KAFKA"), SECRET, TS);

    assertThat(handler.handle("runs-0@1", message)).isEqualTo(RecordHandler.Decision.COMMIT);

    assertThat(seen)
        .containsEntry(RunDispatcher.MDC_RUN_ID, "r_mdc1")
        .containsEntry(RunDispatcher.MDC_ACTION, "deploy");
    assertThat(MDC.get(RunDispatcher.MDC_RUN_ID)).isNull();
    assertThat(MDC.get(RunDispatcher.MDC_ACTION)).isNull();
  }
}
