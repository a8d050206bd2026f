package io.portkit.examples.anonymize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot produced: everything a {@code db_snapshot} entity needs.
 *
 * @param identifier the entity identifier, the schema name in lower case; never null
 * @param schema the new schema as the database stores it; never null
 * @param sourceUrl the source JDBC URL without credentials; never null
 * @param tables what was copied of each table, in copy order; never null, unmodifiable
 * @param createdAt when the snapshot was taken; never null
 */
public record SnapshotResult(
    String identifier,
    String schema,
    String sourceUrl,
    List<TableSnapshot> tables,
    Instant createdAt) {

  /** The identifier of the Port blueprint these results are meant for. */
  public static final String BLUEPRINT = "db_snapshot";

  /**
   * Copies and checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public SnapshotResult {
    requireNonNull(identifier, "identifier == null");
    requireNonNull(schema, "schema == null");
    requireNonNull(sourceUrl, "sourceUrl == null");
    tables = List.copyOf(requireNonNull(tables, "tables == null"));
    requireNonNull(createdAt, "createdAt == null");
  }

  /**
   * Returns the rows copied over all tables.
   *
   * @return the total row count
   */
  public long totalRows() {
    return tables.stream().mapToLong(TableSnapshot::rows).sum();
  }

  /**
   * Returns every masked column as {@code table.column}.
   *
   * @return the masked columns in copy order; unmodifiable
   */
  public List<String> maskedColumns() {
    return tables.stream()
        .flatMap(t -> t.maskedColumns().stream().map(c -> t.table() + "." + c))
        .toList();
  }

  /**
   * Returns the entity properties: {@code schema}, {@code source_url}, {@code tables}, {@code
   * row_counts} (table to rows), {@code total_rows}, {@code masked_columns} and {@code created_at}
   * (ISO-8601 UTC), in that order.
   *
   * @return a new modifiable map of JSON-ready values
   */
  public Map<String, Object> properties() {
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    tables.forEach(t -> rowCounts.put(t.table(), t.rows()));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("schema", schema);
    properties.put("source_url", sourceUrl);
    properties.put("tables", tables.stream().map(TableSnapshot::table).toList());
    properties.put("row_counts", rowCounts);
    properties.put("total_rows", totalRows());
    properties.put("masked_columns", maskedColumns());
    properties.put("created_at", createdAt.toString());
    return properties;
  }
}
