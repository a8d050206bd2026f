/**
 * An anonymized copy of a production database: {@link
 * io.portkit.examples.anonymize.DatabaseAnonymizer} copies chosen tables over plain JDBC into a new
 * {@code snapshot_*} schema, masking personal columns with a keyed, deterministic {@link
 * io.portkit.examples.anonymize.Masker} so joins still match, and leaves nothing behind on failure.
 *
 * <p>{@link io.portkit.examples.anonymize.SampleDatabase} provides an embedded H2 database with
 * sample rows. Nothing here knows about Port: a handler turns a {@link
 * io.portkit.examples.anonymize.SnapshotResult} into a {@code db_snapshot} entity.
 */
@NullMarked
package io.portkit.examples.anonymize;

import org.jspecify.annotations.NullMarked;
