package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunContext;
import io.portkit.examples.anonymize.DatabaseAnonymizer;
import io.portkit.examples.anonymize.SnapshotException;
import io.portkit.examples.anonymize.SnapshotListener;
import io.portkit.examples.anonymize.SnapshotResult;
import io.portkit.examples.anonymize.TableSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes an anonymized copy of a database ({@code create_anonymized_db_copy}): copies the tables in
 * the {@code tables} input (default {@link #DEFAULT_TABLES}) into a new schema with personal
 * columns masked, logs each table, and upserts a {@code db_snapshot} entity tied to the run. Any
 * failure ends the run with FAILURE and a summary saying why; the half-made copy is dropped.
 * Thread-safe.
 */
public final class SnapshotHandler implements ScenarioHandler {
  /** The input listing the tables to copy, an array of names or a comma-separated string. */
  public static final String TABLES_INPUT = "tables";

  /** The tables copied when the input is absent: the sample database's tables. */
  public static final List<String> DEFAULT_TABLES =
      List.of("customers", "orders", "support_tickets");

  private final DatabaseAnonymizer anonymizer;

  /** Creates the handler copying with {@code anonymizer}. */
  public SnapshotHandler(DatabaseAnonymizer anonymizer) {
    this.anonymizer = requireNonNull(anonymizer, "anonymizer == null");
  }

  @Override
  public void handle(ScenarioRequest request, RunContext run) {
    List<String> tables = tables(request.inputs().get(TABLES_INPUT));
    run.statusLabel("Copying");
    SnapshotResult result;
    try {
      result =
          anonymizer.snapshot(
              tables,
              request.runId(),
              new SnapshotListener() {
                @Override
                public void started(String schema, List<String> chosen) {
                  run.log("Copying " + String.join(", ", chosen) + " into schema " + schema);
                }

                @Override
                public void tableCopied(TableSnapshot table, int index, int total) {
                  run.log(
                      "Copied "
                          + table.table()
                          + " ("
                          + index
                          + "/"
                          + total
                          + "): "
                          + count(table.rows(), "row")
                          + ", masked "
                          + (table.maskedColumns().isEmpty()
                              ? "nothing"
                              : String.join(", ", table.maskedColumns())));
                }
              });
    } catch (SnapshotException e) {
      run.log("Snapshot failed: " + e.getMessage());
      run.fail("Anonymized copy failed: " + e.getMessage());
      return;
    }
    run.statusLabel("Recording snapshot");
    run.upsertEntity(SnapshotResult.BLUEPRINT, entity(result));
    run.succeed(
        "Anonymized copy "
            + result.schema()
            + ": "
            + count(result.tables().size(), "table")
            + ", "
            + count(result.totalRows(), "row")
            + ", "
            + count(result.maskedColumns().size(), "column")
            + " masked");
  }

  /** {@code 1 table}, {@code 3 tables}: the summary is read by people. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static Entity entity(SnapshotResult result) {
    Entity.Builder builder = Entity.builder(result.identifier()).title(result.schema());
    result.properties().forEach(builder::property);
    return builder.build();
  }

  static List<String> tables(JsonNode value) {
    List<String> tables = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(t -> addName(tables, t.asText()));
    } else if (value != null && !value.isNull()) {
      for (String name : value.asText().split(",")) {
        addName(tables, name);
      }
    }
    return tables.isEmpty() ? DEFAULT_TABLES : List.copyOf(tables);
  }

  private static void addName(List<String> tables, String name) {
    if (!name.isBlank()) {
      tables.add(name.strip());
    }
  }
}
