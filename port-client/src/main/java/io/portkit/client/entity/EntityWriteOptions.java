package io.portkit.client.entity;

/**
 * Query parameters of an entity write. Immutable.
 *
 * @param upsert replace the entity if it exists ({@code upsert=true})
 * @param merge with {@code upsert}, update only the given fields ({@code merge=true})
 * @param createMissingRelatedEntities create related entities that do not exist yet
 * @param runId tie the write to this action run (shown under its affected entities), or null
 */
public record EntityWriteOptions(
    boolean upsert, boolean merge, boolean createMissingRelatedEntities, String runId) {
  /** Upsert that replaces the whole entity, not tied to a run. */
  public static final EntityWriteOptions UPSERT = new EntityWriteOptions(true, false, false, null);

  /** Upsert that merges the given fields into an existing entity. */
  public static final EntityWriteOptions MERGE = new EntityWriteOptions(true, true, false, null);

  /** Returns a copy tied to {@code runId} (null unties it). */
  public EntityWriteOptions withRunId(String runId) {
    return new EntityWriteOptions(upsert, merge, createMissingRelatedEntities, runId);
  }

  /** Returns a copy with {@code create_missing_related_entities} set. */
  public EntityWriteOptions withCreateMissingRelatedEntities(boolean create) {
    return new EntityWriteOptions(upsert, merge, create, runId);
  }
}
