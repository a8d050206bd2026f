package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SecretValue;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunContext;
import io.portkit.examples.anonymize.ConnectionSource;
import io.portkit.examples.anonymize.DatabaseAnonymizer;
import io.portkit.examples.anonymize.SnapshotException;
import io.portkit.examples.anonymize.SnapshotListener;
import io.portkit.examples.anonymize.SnapshotResult;
import io.portkit.examples.anonymize.TableSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes an anonymized copy of a database ({@code create_anonymized_db_copy}): copies the tables in
 * the {@code tables} input (default {@link #DEFAULT_TABLES}) into a new schema with personal
 * columns masked, logs each table, and upserts a {@code db_snapshot} entity tied to the run. The
 * source's password may come as the secret input {@link #PASSWORD_INPUT}. Any failure ends the run
 * with FAILURE and a summary saying why; the half-made copy is dropped. Thread-safe.
 */
public final class SnapshotHandler implements ScenarioHandler {
  /** The input listing the tables to copy, an array of names or a comma-separated string. */
  public static final String TABLES_INPUT = "tables";

  /** The tables copied when the input is absent: the sample database's tables. */
  public static final List<String> DEFAULT_TABLES =
      List.of("customers", "orders", "support_tickets");

  /**
   * The secret input holding the source database's password: Port encrypts it, the handler decrypts
   * it in memory for the connection and never prints it.
   */
  public static final String PASSWORD_INPUT = "source_password";

  private final DatabaseAnonymizer anonymizer;
  private final Function<SecretValue, ConnectionSource> withPassword;

  /** Creates the handler copying with {@code anonymizer}'s own source. */
  public SnapshotHandler(DatabaseAnonymizer anonymizer) {
    this(anonymizer, null);
  }

  /**
   * Creates the handler copying with {@code anonymizer}; a run that sends {@link #PASSWORD_INPUT}
   * reads the source through {@code withPassword} applied to it.
   */
  public SnapshotHandler(
      DatabaseAnonymizer anonymizer, Function<SecretValue, ConnectionSource> withPassword) {
    this.anonymizer = requireNonNull(anonymizer, "anonymizer == null");
    this.withPassword = withPassword;
  }

  @Override
  public void handle(RunInvocation request, RunContext run) {
    List<String> tables = tables(request.inputs().get(TABLES_INPUT));
    // Thrown when it does not decrypt: the run ends FAILURE naming the input and the reason.
    Optional<SecretValue> password =
        withPassword == null ? Optional.empty() : request.secret(PASSWORD_INPUT);
    run.statusLabel("Copying");
    password.ifPresent(
        p ->
            run.log(
                "Connecting to the source with the secret input "
                    + PASSWORD_INPUT
                    + " ("
                    + p.length()
                    + " characters, decrypted in memory, never printed)"));
    ConnectionSource source = withPassword == null ? null : password.map(withPassword).orElse(null);
    SnapshotResult result;
    try {
      result =
          snapshot(
              tables,
              request.runId(),
              source,
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
    } finally {
      password.ifPresent(SecretValue::destroy);
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

  private SnapshotResult snapshot(
      List<String> tables, String runId, ConnectionSource source, SnapshotListener listener) {
    return source == null
        ? anonymizer.snapshot(tables, runId, listener)
        : anonymizer.snapshot(tables, runId, listener, source);
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
