package io.portkit.examples.anonymize;

import java.util.List;

/**
 * Receives progress while {@link DatabaseAnonymizer#snapshot} runs; a handler turns each call into
 * a log line on the run.
 *
 * <p>Calls come from the thread running the snapshot. An exception thrown here aborts the snapshot
 * (the new schema is dropped) and propagates unchanged.
 */
public interface SnapshotListener {

  /** A listener that ignores everything. */
  SnapshotListener NONE = (table, index, total) -> {};

  /**
   * Called once the new schema exists, before any table is copied.
   *
   * @param schema the new schema's name; never null
   * @param tables the tables to copy, in order; never null
   */
  default void started(String schema, List<String> tables) {}

  /**
   * Called after each table is copied.
   *
   * @param table what was copied; never null
   * @param index the 1-based position of this table
   * @param total how many tables are copied in all
   */
  void tableCopied(TableSnapshot table, int index, int total);
}
