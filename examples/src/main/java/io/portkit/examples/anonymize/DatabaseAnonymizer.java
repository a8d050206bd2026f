package io.portkit.examples.anonymize;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies chosen tables of a database into a new schema {@code snapshot_<run id or timestamp>},
 * masking personal columns, over plain JDBC (H2, PostgreSQL and other databases with schemas).
 *
 * <p>Rows are copied in batches inside one transaction. On any failure the new schema is dropped,
 * so no half-made copy is left. Thread-safe: each snapshot uses its own connection.
 *
 * <pre>{@code
 * DatabaseAnonymizer anonymizer = DatabaseAnonymizer.builder()
 *     .source(SampleDatabase.open("shop"), SampleDatabase.url("shop"))
 *     .masker(Masker.withKey(System.getenv("PORTKIT_MASKING_KEY"))).build();
 * SnapshotResult result = anonymizer.snapshot(List.of("customers", "orders"), run.id(), listener);
 * }</pre>
 */
public final class DatabaseAnonymizer {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAnonymizer.class);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  private final ConnectionSource source;
  private final String sourceUrl;
  private final Masker masker;
  private final MaskingRules rules;
  private final Clock clock;
  private final int batchSize;
  private final String sourceSchema;

  private DatabaseAnonymizer(Builder b) {
    this.source = b.source;
    this.sourceUrl = JdbcUrls.redact(b.sourceUrl);
    this.masker = b.masker;
    this.rules = b.rules;
    this.clock = b.clock;
    this.batchSize = b.batchSize;
    this.sourceSchema = b.sourceSchema;
  }

  /**
   * Returns a builder; {@code source} and {@code masker} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Copies {@code tables} into a new schema, masking personal columns.
   *
   * @param tables the tables to copy, matched case-insensitively; empty for every table of the
   *     source schema; never null
   * @param runId names the schema {@code snapshot_<runId>} (lower case, other characters as {@code
   *     _}); null for {@code snapshot_<yyyyMMdd_HHmmss>} from the clock
   * @param listener receives progress; never null ({@link SnapshotListener#NONE} to ignore it)
   * @return what was copied, for a {@code db_snapshot} entity
   * @throws SnapshotException for an unknown table (listing the available ones) or an existing
   *     schema, before anything is created; for a column that cannot be masked or a database error,
   *     after the new schema is dropped (the message then starts {@code snapshot <schema> failed
   *     and was removed: })
   * @throws RuntimeException whatever {@code listener} throws, after the new schema is dropped
   */
  public SnapshotResult snapshot(
      List<String> tables, @Nullable String runId, SnapshotListener listener) {
    return snapshot(tables, runId, listener, source);
  }

  /**
   * Makes the snapshot reading the source through {@code from} instead of the configured source,
   * for example with a password the run's user gave as a secret input.
   */
  public SnapshotResult snapshot(
      List<String> tables,
      @Nullable String runId,
      SnapshotListener listener,
      ConnectionSource from) {
    requireNonNull(from, "from == null");
    requireNonNull(tables, "tables == null");
    requireNonNull(listener, "listener == null");
    Instant now = clock.instant();
    String baseName = "snapshot_" + (runId == null ? TIMESTAMP.format(now) : sanitize(runId));
    try (Connection connection = from.open()) {
      DatabaseMetaData meta = connection.getMetaData();
      String schema =
          meta.storesUpperCaseIdentifiers() ? baseName.toUpperCase(Locale.ROOT) : baseName;
      String fromSchema = sourceSchema != null ? sourceSchema : connection.getSchema();
      List<String> chosen = resolve(meta, connection.getCatalog(), fromSchema, tables);
      if (schemaExists(meta, schema)) {
        throw new SnapshotException(
            "schema " + schema + " already exists: drop it or use another" + " run id");
      }
      connection.setAutoCommit(false);
      TableCopier copier = new TableCopier(connection, masker, rules, batchSize);
      try {
        List<TableSnapshot> copied =
            copyAll(connection, copier, fromSchema, schema, chosen, listener);
        connection.commit();
        log.info("snapshot {} of {} done: {} table(s)", schema, sourceUrl, copied.size());
        return new SnapshotResult(baseName, schema, sourceUrl, copied, now);
      } catch (SQLException | RuntimeException e) {
        dropQuietly(connection, copier, schema, e);
        if (e instanceof SQLException || e instanceof SnapshotException) {
          throw new SnapshotException(
              "snapshot " + schema + " failed and was removed: " + e.getMessage(), e);
        }
        throw (RuntimeException) e; // the listener's own failure, unchanged
      }
    } catch (SQLException e) {
      throw new SnapshotException(
          "cannot read the source database " + sourceUrl + ": " + e.getMessage(), e);
    }
  }

  private List<TableSnapshot> copyAll(
      Connection connection,
      TableCopier copier,
      String fromSchema,
      String schema,
      List<String> chosen,
      SnapshotListener listener)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + copier.quote(schema));
    }
    listener.started(schema, chosen);
    List<TableSnapshot> copied = new ArrayList<>();
    for (String table : chosen) {
      TableSnapshot snapshot = copier.copy(fromSchema, schema, table);
      copied.add(snapshot);
      listener.tableCopied(snapshot, copied.size(), chosen.size());
    }
    return copied;
  }

  private static void dropQuietly(
      Connection connection, TableCopier copier, String schema, Exception failure) {
    try {
      connection.rollback();
      // Some databases (H2, MySQL) commit DDL at once, so the rollback may leave the schema.
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + copier.quote(schema) + " CASCADE");
      }
      log.info("snapshot {} failed; removed the partial copy", schema);
    } catch (SQLException cleanup) {
      failure.addSuppressed(cleanup);
      log.warn("snapshot {} failed and could not be removed; drop it by hand", schema, cleanup);
    }
  }

  private static List<String> resolve(
      DatabaseMetaData meta, String catalog, String schema, List<String> requested)
      throws SQLException {
    List<String> available = new ArrayList<>();
    try (ResultSet rs =
        meta.getTables(catalog, TableCopier.escape(meta, schema), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        available.add(rs.getString("TABLE_NAME"));
      }
    }
    available.sort(String.CASE_INSENSITIVE_ORDER);
    if (requested.isEmpty()) {
      return available;
    }
    Set<String> chosen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String name : requested) {
      requireNonNull(name, "tables contains null");
      available.stream()
          .filter(a -> a.equalsIgnoreCase(name.strip()))
          .findFirst()
          .ifPresentOrElse(chosen::add, () -> unknown.add(name));
    }
    if (!unknown.isEmpty()) {
      throw new SnapshotException(
          "unknown table"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + " in schema "
              + schema
              + "; available tables: "
              + (available.isEmpty() ? "none" : String.join(", ", available)));
    }
    return List.copyOf(chosen);
  }

  private static boolean schemaExists(DatabaseMetaData meta, String schema) throws SQLException {
    try (ResultSet rs = meta.getSchemas()) {
      while (rs.next()) {
        if (rs.getString("TABLE_SCHEM").equalsIgnoreCase(schema)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String sanitize(String runId) {
    String name = runId.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (name.isEmpty()) {
      throw new SnapshotException("run id is blank: give a run id or null for a timestamp");
    }
    // PostgreSQL truncates identifiers at 63 bytes; "snapshot_" takes 9.
    return name.length() > 54 ? name.substring(0, 54) : name;
  }

  /** Configures and builds a {@link DatabaseAnonymizer}. Not thread-safe. */
  public static final class Builder {
    private ConnectionSource source;
    private String sourceUrl;
    private Masker masker;
    private MaskingRules rules = MaskingRules.defaults();
    private Clock clock = Clock.systemUTC();
    private int batchSize = 500;
    private String sourceSchema;

    private Builder() {}

    /**
     * Sets the source database (required).
     *
     * @param source opens connections to it; never null
     * @param jdbcUrl its URL, shown in results and messages with credentials removed; never null
     * @return this builder
     */
    public Builder source(ConnectionSource source, String jdbcUrl) {
      this.source = requireNonNull(source, "source == null");
      this.sourceUrl = requireNonNull(jdbcUrl, "jdbcUrl == null");
      return this;
    }

    /**
     * Sets the masker (required); its key decides the masked values.
     *
     * @param masker the masker; never null
     * @return this builder
     */
    public Builder masker(Masker masker) {
      this.masker = requireNonNull(masker, "masker == null");
      return this;
    }

    /**
     * Sets which columns are masked; defaults to {@link MaskingRules#defaults()}.
     *
     * @param rules the rules; never null
     * @return this builder
     */
    public Builder rules(MaskingRules rules) {
      this.rules = requireNonNull(rules, "rules == null");
      return this;
    }

    /**
     * Sets the clock for timestamps and schema names; defaults to the UTC system clock.
     *
     * @param clock the clock; never null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets how many rows are inserted per batch; defaults to 500.
     *
     * @param batchSize at least 1
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize < 1: " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the schema the tables are read from; defaults to the connection's current schema.
     *
     * @param sourceSchema the schema name as the database stores it; never null
     * @return this builder
     */
    public Builder sourceSchema(String sourceSchema) {
      this.sourceSchema = requireNonNull(sourceSchema, "sourceSchema == null");
      return this;
    }

    /**
     * Builds the anonymizer.
     *
     * @return the anonymizer
     * @throws IllegalStateException naming the missing setting
     */
    public DatabaseAnonymizer build() {
      if (source == null) {
        throw new IllegalStateException(
            "source required: call source(ConnectionSource, jdbcUrl),"
                + " for example with SampleDatabase.open(name)");
      }
      if (masker == null) {
        throw new IllegalStateException("masker required: call masker(Masker.withKey(secret))");
      }
      return new DatabaseAnonymizer(this);
    }
  }
}
