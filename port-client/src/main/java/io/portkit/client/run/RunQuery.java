package io.portkit.client.run;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Filters for {@code GET /v1/actions/runs?version=v2}; Port ANDs them. Every field optional.
 * Immutable.
 *
 * @param active only running runs when true, only finished when false, all when null
 * @param action an action identifier, or null
 * @param entity an entity identifier, or null
 * @param externalRunId an external run id, or null
 * @param limit 1 to 1000, or null for Port's default
 */
public record RunQuery(
    Boolean active,
    @Nullable String action,
    @Nullable String entity,
    @Nullable String externalRunId,
    @Nullable Integer limit) {
  /** A query with no filters. */
  public static final RunQuery ALL = new RunQuery(null, null, null, null, null);

  /**
   * Validates the limit.
   *
   * @throws IllegalArgumentException if {@code limit} is outside 1..1000
   */
  public RunQuery {
    if (limit != null && (limit < 1 || limit > 1000)) {
      throw new IllegalArgumentException("limit must be within 1..1000: " + limit);
    }
  }

  /** Returns a query for the runs with {@code externalRunId}. */
  public static RunQuery byExternalRunId(String externalRunId) {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    return new RunQuery(null, null, null, externalRunId, null);
  }

  /** Returns a copy with {@code active} set. */
  public RunQuery withActive(boolean active) {
    return new RunQuery(active, action, entity, externalRunId, limit);
  }

  /** Returns a copy filtered by action identifier. */
  public RunQuery withAction(String action) {
    return new RunQuery(
        active, Objects.requireNonNull(action, "action == null"), entity, externalRunId, limit);
  }

  /** Returns a copy filtered by entity identifier. */
  public RunQuery withEntity(String entity) {
    return new RunQuery(
        active, action, Objects.requireNonNull(entity, "entity == null"), externalRunId, limit);
  }

  /** Returns a copy with {@code limit} set. */
  public RunQuery withLimit(int limit) {
    return new RunQuery(active, action, entity, externalRunId, limit);
  }
}
