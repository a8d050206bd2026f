package io.portkit.client.entity;

/**
 * Port's entity routes under {@code /v1/blueprints/{blueprint}/entities}. Identifiers are
 * percent-encoded in paths, so they may contain {@code /}.
 *
 * <p>Implementations are thread-safe. Every method throws {@link
 * io.portkit.client.PortApiException} for a non-2xx answer and {@link
 * io.portkit.client.PortTransportException} when Port could not be reached.
 */
public interface EntitiesApi {
  /**
   * Creates or replaces an entity ({@code POST} with {@code upsert}, {@code merge}, {@code
   * create_missing_related_entities} and {@code run_id} from {@code options}).
   *
   * @return the entity as stored by Port
   */
  Entity upsert(String blueprint, Entity entity, EntityWriteOptions options);

  /** Creates or replaces an entity with {@link EntityWriteOptions#UPSERT}. */
  default Entity upsert(String blueprint, Entity entity) {
    return upsert(blueprint, entity, EntityWriteOptions.UPSERT);
  }

  /** Returns the entity {@code identifier} of {@code blueprint}. */
  Entity get(String blueprint, String identifier);

  /**
   * Deletes an entity.
   *
   * @param runId ties the deletion to an action run, or null
   * @param deleteDependents also delete entities whose required relation points at it
   */
  void delete(String blueprint, String identifier, String runId, boolean deleteDependents);

  /** Deletes an entity without run tie or dependents. */
  default void delete(String blueprint, String identifier) {
    delete(blueprint, identifier, null, false);
  }
}
