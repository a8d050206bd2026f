package io.portkit.examples.anonymize;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Copies one table into the snapshot schema, masking personal columns. Not thread-safe. */
final class TableCopier {

  /** Masked columns narrower than this are widened in the copy, so a mask always fits. */
  private static final int MASKED_WIDTH = 64;

  private static final Set<Integer> TEXT_TYPES =
      Set.of(
          Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR,
          Types.CLOB,
          Types.NCLOB);

  private record Column(String name, int jdbcType, int size, Optional<MaskKind> mask) {}

  private final Connection connection;
  private final Masker masker;
  private final MaskingRules rules;
  private final int batchSize;
  private final String quote;

  TableCopier(Connection connection, Masker masker, MaskingRules rules, int batchSize)
      throws SQLException {
    this.connection = connection;
    this.masker = masker;
    this.rules = rules;
    this.batchSize = batchSize;
    String q = connection.getMetaData().getIdentifierQuoteString();
    this.quote = q == null || q.isBlank() ? "" : q;
  }

  String quote(String identifier) {
    return quote + identifier.replace(quote.isEmpty() ? "\0" : quote, quote + quote) + quote;
  }

  TableSnapshot copy(String sourceSchema, String targetSchema, String table) throws SQLException {
    List<Column> columns = columns(sourceSchema, table);
    String source = (sourceSchema == null ? "" : quote(sourceSchema) + ".") + quote(table);
    String target = quote(targetSchema) + "." + quote(table);
    String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    try (Statement statement = connection.createStatement()) {
      // CREATE TABLE AS ... WITH NO DATA copies the column types portably (H2, PostgreSQL).
      statement.execute(
          "CREATE TABLE "
              + target
              + " AS SELECT "
              + selectList(columns)
              + " FROM "
              + source
              + " WITH NO DATA");
    }
    long rows = 0;
    String insert =
        "INSERT INTO "
            + target
            + " ("
            + names
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    try (Statement select = connection.createStatement();
        PreparedStatement out = connection.prepareStatement(insert)) {
      select.setFetchSize(batchSize);
      try (ResultSet in = select.executeQuery("SELECT " + names + " FROM " + source)) {
        while (in.next()) {
          bindRow(in, out, columns);
          out.addBatch();
          if (++rows % batchSize == 0) {
            out.executeBatch();
            checkInterrupt(table);
          }
        }
      }
      out.executeBatch();
    }
    return new TableSnapshot(
        table, rows, columns.stream().filter(c -> c.mask().isPresent()).map(Column::name).toList());
  }

  private void bindRow(ResultSet in, PreparedStatement out, List<Column> columns)
      throws SQLException {
    for (int i = 1; i <= columns.size(); i++) {
      Optional<MaskKind> mask = columns.get(i - 1).mask();
      if (mask.isPresent()) {
        String value = in.getString(i);
        out.setString(i, value == null ? null : masker.mask(mask.get(), value));
      } else {
        out.setObject(i, in.getObject(i));
      }
    }
  }

  private String selectList(List<Column> columns) {
    return columns.stream()
        .map(
            c ->
                c.mask().isPresent() && c.size() < MASKED_WIDTH
                    ? "CAST("
                        + quote(c.name())
                        + " AS VARCHAR("
                        + MASKED_WIDTH
                        + ")) AS "
                        + quote(c.name())
                    : quote(c.name()))
        .collect(Collectors.joining(", "));
  }

  private List<Column> columns(String schema, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<Column> columns = new ArrayList<>();
    try (ResultSet rs =
        meta.getColumns(connection.getCatalog(), escape(meta, schema), escape(meta, table), "%")) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        int type = rs.getInt("DATA_TYPE");
        Optional<MaskKind> mask = rules.kindFor(name);
        if (mask.isPresent() && !TEXT_TYPES.contains(type)) {
          throw new SnapshotException(
              "column "
                  + table
                  + "."
                  + name
                  + " matches the "
                  + mask.get()
                  + " masking rule but has type "
                  + typeName(type)
                  + "; only text columns can be"
                  + " masked: change the masking rules or exclude the table");
        }
        columns.add(new Column(name, type, rs.getInt("COLUMN_SIZE"), mask));
      }
    }
    if (columns.isEmpty()) {
      throw new SnapshotException("table " + table + " no longer exists or has no columns");
    }
    return columns;
  }

  private void checkInterrupt(String table) {
    if (Thread.currentThread().isInterrupted()) {
      throw new SnapshotException("snapshot interrupted while copying " + table);
    }
  }

  static @Nullable String escape(DatabaseMetaData meta, String name) throws SQLException {
    if (name == null) {
      return null;
    }
    String escape = meta.getSearchStringEscape();
    return escape == null || escape.isEmpty()
        ? name
        : name.replace(escape, escape + escape)
            .replace("_", escape + "_")
            .replace("%", escape + "%");
  }

  private static String typeName(int type) {
    try {
      return JDBCType.valueOf(type).getName();
    } catch (IllegalArgumentException e) {
      return "type " + type;
    }
  }
}
