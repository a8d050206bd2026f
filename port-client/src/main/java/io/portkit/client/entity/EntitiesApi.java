package io.portkit.client.entity;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Port's entity routes under {@code /v1/blueprints/{blueprint}/entities} and {@code
 * /v1/entities/search}. Identifiers are percent-encoded in paths, so they may contain {@code /}.
 *
 * <p>Implementations are thread-safe. Every method throws {@link
 * io.portkit.client.PortApiException} for a non-2xx answer and {@link
 * io.portkit.client.PortTransportException} when Port could not be reached.
 *
 * <p>The methods added after the first release ({@link #search}, {@link #list}, {@link #update},
 * {@link #upsertAll}) have default bodies that throw {@link UnsupportedOperationException}, so
 * implementations written before them (test fakes) still compile; the client's own implementation
 * overrides every method.
 */
public interface EntitiesApi {
  /**
   * Creates or replaces an entity ({@code POST} with {@code upsert}, {@code merge}, {@code
   * create_missing_related_entities} and {@code run_id} from {@code options}). An entity without an
   * identifier is created with one Port generates.
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
   * Deletes an entity. {@code delete_dependents} is always sent, as Port's API reference marks it
   * required.
   *
   * @param runId ties the deletion to an action run, or null
   * @param deleteDependents also delete entities whose required relation points at it
   */
  void delete(
      String blueprint, String identifier, @Nullable String runId, boolean deleteDependents);

  /** Deletes an entity without run tie or dependents. */
  default void delete(String blueprint, String identifier) {
    delete(blueprint, identifier, null, false);
  }

  /**
   * Returns the entities of every blueprint matching {@code query} ({@code POST
   * /v1/entities/search}).
   */
  default List<Entity> search(SearchQuery query) {
    throw unsupported("search(SearchQuery)");
  }

  /**
   * Returns one page of {@code blueprint}'s entities matching {@code search} ({@code POST
   * /v1/blueprints/{blueprint}/entities/search}); pass {@link EntityPage#next()} to {@link
   * EntitySearch#from} for the next page.
   */
  default EntityPage search(String blueprint, EntitySearch search) {
    throw unsupported("search(String, EntitySearch)");
  }

  /**
   * Returns every entity of {@code blueprint} ({@code GET /v1/blueprints/{blueprint}/entities}).
   */
  default List<Entity> list(String blueprint) {
    throw unsupported("list(String)");
  }

  /**
   * Updates the fields set in {@code changes} of an existing entity ({@code PATCH}): properties and
   * relations are merged, title, icon and team replaced when given. Build {@code changes} with
   * {@link Entity#builder()}; its identifier, if any, must be {@code identifier}.
   *
   * @param runId ties the update to an action run, or null
   * @return the entity as stored by Port
   */
  default Entity update(
      String blueprint, String identifier, Entity changes, @Nullable String runId) {
    throw unsupported("update(String, String, Entity, String)");
  }

  /**
   * Writes up to 20 entities in one request ({@code POST .../entities/bulk}) with {@code options};
   * Port writes each on its own, so check {@link BulkResult#failed()}.
   */
  default BulkResult upsertAll(
      String blueprint, List<Entity> entities, EntityWriteOptions options) {
    throw unsupported("upsertAll(String, List, EntityWriteOptions)");
  }

  private UnsupportedOperationException unsupported(String method) {
    return new UnsupportedOperationException(
        getClass().getName()
            + " does not implement EntitiesApi."
            + method
            + "; PortClient.entities() does");
  }
}
