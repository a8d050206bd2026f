package io.portkit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.entity.BulkResult;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityPage;
import io.portkit.client.entity.EntitySearch;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.entity.SearchQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@link EntitiesApi} over {@link PortApi}. Thread-safe. */
public final class HttpEntitiesApi implements EntitiesApi {
  /** The most entities Port takes in one bulk request. */
  static final int MAX_BULK = 20;

  private final PortApi api;

  /** Creates the API. */
  public HttpEntitiesApi(PortApi api) {
    this.api = Objects.requireNonNull(api, "api == null");
  }

  @Override
  public Entity upsert(String blueprint, Entity entity, EntityWriteOptions options) {
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(options, "options == null");
    // Without an identifier every replay would create another entity, whatever upsert says.
    boolean idempotent = options.upsert() && entity.identifier() != null;
    ApiCall call =
        new ApiCall(
            "POST",
            entitiesPath(blueprint),
            writeQuery(options),
            entity.toJson(),
            idempotent ? ApiCall.Replay.IDEMPOTENT : ApiCall.Replay.UNSAFE);
    return Entity.fromJson(api.send(call).path("entity"));
  }

  @Override
  public Entity get(String blueprint, String identifier) {
    return Entity.fromJson(
        api.send(ApiCall.get(entityPath(blueprint, identifier), "")).path("entity"));
  }

  @Override
  public void delete(
      String blueprint, String identifier, @Nullable String runId, boolean deleteDependents) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("run_id", runId);
    q.put("delete_dependents", deleteDependents);
    api.send(
        new ApiCall(
            "DELETE",
            entityPath(blueprint, identifier),
            Paths.query(q),
            null,
            ApiCall.Replay.IDEMPOTENT));
  }

  @Override
  public List<Entity> search(SearchQuery query) {
    Objects.requireNonNull(query, "query == null");
    // A search changes nothing, so a replay is safe although it is a POST.
    ApiCall call =
        new ApiCall("POST", "/v1/entities/search", "", query.toJson(), ApiCall.Replay.IDEMPOTENT);
    return entities(api.send(call).path("entities"));
  }

  @Override
  public EntityPage search(String blueprint, EntitySearch search) {
    Objects.requireNonNull(search, "search == null");
    ApiCall call =
        new ApiCall(
            "POST",
            entitiesPath(blueprint) + "/search",
            "",
            search.toJson(),
            ApiCall.Replay.IDEMPOTENT);
    JsonNode answer = api.send(call);
    return new EntityPage(entities(answer.path("entities")), JsonNodes.text(answer, "next"));
  }

  @Override
  public List<Entity> list(String blueprint) {
    return entities(api.send(ApiCall.get(entitiesPath(blueprint), "")).path("entities"));
  }

  @Override
  public Entity update(
      String blueprint, String identifier, Entity changes, @Nullable String runId) {
    Objects.requireNonNull(changes, "changes == null");
    if (changes.identifier() != null && !changes.identifier().equals(identifier)) {
      throw new IllegalArgumentException(
          "changes name entity \""
              + changes.identifier()
              + "\" but the update is for \""
              + identifier
              + "\"; build the changes with Entity.builder()");
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("run_id", runId);
    ObjectNode body = changes.toJson();
    body.remove("identifier");
    ApiCall call =
        new ApiCall(
            "PATCH",
            entityPath(blueprint, identifier),
            Paths.query(q),
            body,
            ApiCall.Replay.IDEMPOTENT);
    return Entity.fromJson(api.send(call).path("entity"));
  }

  @Override
  public BulkResult upsertAll(String blueprint, List<Entity> entities, EntityWriteOptions options) {
    Objects.requireNonNull(entities, "entities == null");
    Objects.requireNonNull(options, "options == null");
    if (entities.isEmpty() || entities.size() > MAX_BULK) {
      throw new IllegalArgumentException(
          "a bulk write takes 1 to "
              + MAX_BULK
              + " entities, got "
              + entities.size()
              + "; split the list");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray("entities");
    boolean idempotent = options.upsert();
    for (Entity entity : entities) {
      items.add(Objects.requireNonNull(entity, "entities holds null").toJson());
      idempotent &= entity.identifier() != null;
    }
    ApiCall call =
        new ApiCall(
            "POST",
            entitiesPath(blueprint) + "/bulk",
            writeQuery(options),
            body,
            idempotent ? ApiCall.Replay.IDEMPOTENT : ApiCall.Replay.UNSAFE);
    JsonNode answer = api.send(call);
    List<BulkResult.Written> written = new ArrayList<>();
    answer
        .path("entities")
        .forEach(
            e ->
                written.add(
                    new BulkResult.Written(
                        e.path("identifier").asText(),
                        e.path("index").asInt(),
                        e.path("created").asBoolean())));
    List<BulkResult.Failure> failed = new ArrayList<>();
    answer
        .path("errors")
        .forEach(
            e ->
                failed.add(
                    new BulkResult.Failure(
                        e.path("identifier").asText(""),
                        e.path("index").asInt(),
                        e.path("statusCode").asInt(),
                        e.path("error").asText(""),
                        e.path("message").asText(""))));
    return new BulkResult(written, failed);
  }

  private static String writeQuery(EntityWriteOptions options) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("upsert", options.upsert());
    q.put("merge", options.merge() ? Boolean.TRUE : null);
    q.put(
        "create_missing_related_entities",
        options.createMissingRelatedEntities() ? Boolean.TRUE : null);
    q.put("run_id", options.runId());
    return Paths.query(q);
  }

  private static List<Entity> entities(JsonNode array) {
    List<Entity> entities = new ArrayList<>();
    array.forEach(node -> entities.add(Entity.fromPartialJson(node)));
    return entities;
  }

  private static String entitiesPath(String blueprint) {
    return "/v1/blueprints/" + Paths.segment(blueprint, "blueprint") + "/entities";
  }

  private static String entityPath(String blueprint, String identifier) {
    return entitiesPath(blueprint) + "/" + Paths.segment(identifier, "identifier");
  }
}
