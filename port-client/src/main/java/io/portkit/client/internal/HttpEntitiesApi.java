package io.portkit.client.internal;

import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link EntitiesApi} over {@link PortApi}. Thread-safe. */
public final class HttpEntitiesApi implements EntitiesApi {
  private final PortApi api;

  /** Creates the API. */
  public HttpEntitiesApi(PortApi api) {
    this.api = Objects.requireNonNull(api, "api == null");
  }

  @Override
  public Entity upsert(String blueprint, Entity entity, EntityWriteOptions options) {
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(options, "options == null");
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("upsert", options.upsert());
    q.put("merge", options.merge() ? Boolean.TRUE : null);
    q.put(
        "create_missing_related_entities",
        options.createMissingRelatedEntities() ? Boolean.TRUE : null);
    q.put("run_id", options.runId());
    // With upsert the same body gives the same entity; a plain create may answer 409 on replay.
    ApiCall.Replay replay = options.upsert() ? ApiCall.Replay.IDEMPOTENT : ApiCall.Replay.UNSAFE;
    ApiCall call =
        new ApiCall("POST", entitiesPath(blueprint), Paths.query(q), entity.toJson(), replay);
    return Entity.fromJson(api.send(call).path("entity"));
  }

  @Override
  public Entity get(String blueprint, String identifier) {
    String path = entitiesPath(blueprint) + "/" + Paths.segment(identifier, "identifier");
    return Entity.fromJson(api.send(ApiCall.get(path, "")).path("entity"));
  }

  @Override
  public void delete(String blueprint, String identifier, String runId, boolean deleteDependents) {
    String path = entitiesPath(blueprint) + "/" + Paths.segment(identifier, "identifier");
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("run_id", runId);
    q.put("delete_dependents", deleteDependents ? Boolean.TRUE : null);
    api.send(new ApiCall("DELETE", path, Paths.query(q), null, ApiCall.Replay.IDEMPOTENT));
  }

  private static String entitiesPath(String blueprint) {
    return "/v1/blueprints/" + Paths.segment(blueprint, "blueprint") + "/entities";
  }
}
