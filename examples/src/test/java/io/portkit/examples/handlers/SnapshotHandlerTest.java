package io.portkit.examples.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.examples.anonymize.DatabaseAnonymizer;
import io.portkit.examples.anonymize.Masker;
import io.portkit.examples.anonymize.SampleDatabase;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.EmulatedRun;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotHandlerTest {
  private final EmulatedPort port = new EmulatedPort();
  private final String db = "handler_" + UUID.randomUUID().toString().replace("-", "");

  @AfterEach
  void close() {
    port.close();
  }

  private SnapshotHandler handler() {
    return new SnapshotHandler(
        DatabaseAnonymizer.builder()
            .source(SampleDatabase.open(db), SampleDatabase.url(db))
            .masker(Masker.withKey("a-test-key-of-enough-length"))
            .build());
  }

  @Test
  void handle_defaultTables_copiesUpsertsSnapshotEntityAndSucceeds() throws Exception {
    RunInvocation request = port.newRun(DemoCatalog.CREATE_ANONYMIZED_DB_COPY, "{}");

    handler().handle(request, port.context(request));

    EmulatedRun run = port.run(request);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.summary())
        .startsWith("Anonymized copy SNAPSHOT_" + request.runId().toUpperCase() + ": 3 tables, ");
    assertThat(run.logs())
        .extracting(RunLogEntry::message)
        .contains("Copied CUSTOMERS (1/3): 8 rows, masked FULL_NAME, EMAIL, PHONE");
    Entity entity = port.client.entities().get("db_snapshot", run.entities().get(0).identifier());
    assertThat(entity.identifier()).isEqualTo("snapshot_" + request.runId().toLowerCase());
    assertThat(entity.properties().get("tables").toString())
        .isEqualTo("[\"CUSTOMERS\",\"ORDERS\",\"SUPPORT_TICKETS\"]");
  }

  @Test
  void handle_oneTable_summarySaysOneTableNotOneTables() throws Exception {
    RunInvocation request =
        port.newRun(DemoCatalog.CREATE_ANONYMIZED_DB_COPY, "{\"tables\":[\"customers\"]}");

    handler().handle(request, port.context(request));

    assertThat(port.run(request).summary())
        .isEqualTo(
            "Anonymized copy SNAPSHOT_"
                + request.runId().toUpperCase()
                + ": 1 table, 8 rows, 3 columns masked");
  }

  @Test
  void handle_unknownTable_failsWithClearSummaryAndNoEntity() throws Exception {
    RunInvocation request =
        port.newRun(DemoCatalog.CREATE_ANONYMIZED_DB_COPY, "{\"tables\":[\"nope\"]}");

    handler().handle(request, port.context(request));

    EmulatedRun run = port.run(request);
    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.summary()).startsWith("Anonymized copy failed: ").contains("nope");
    assertThat(run.entities()).isEmpty();
  }

  @Test
  void tables_commaSeparatedString_splitsAndTrims() {
    assertThat(SnapshotHandler.tables(EmulatedPort.MAPPER.valueToTree(" orders, customers ,")))
        .containsExactly("orders", "customers");
    assertThat(SnapshotHandler.tables(null)).isEqualTo(SnapshotHandler.DEFAULT_TABLES);
    assertThat(SnapshotHandler.tables(EmulatedPort.MAPPER.valueToTree(List.of())))
        .isEqualTo(SnapshotHandler.DEFAULT_TABLES);
  }
}
