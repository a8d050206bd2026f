package io.portkit.examples.anonymize;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What was copied of one table.
 *
 * @param table the table name as the database stores it; never null
 * @param rows how many rows were copied
 * @param maskedColumns the columns that were masked, in table order; never null, unmodifiable
 */
public record TableSnapshot(String table, long rows, List<String> maskedColumns) {

  /**
   * Copies and checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code rows} is negative
   */
  public TableSnapshot {
    requireNonNull(table, "table == null");
    maskedColumns = List.copyOf(requireNonNull(maskedColumns, "maskedColumns == null"));
    if (rows < 0) {
      throw new IllegalArgumentException("rows < 0: " + rows);
    }
  }
}
