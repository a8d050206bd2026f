package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's audit log: one record per entity create, update and delete and per run create and
 * update, in the shape {@code GET /v1/audit-log} answers
 * (docs/decisions/0029-audit-log-records.md). Not thread-safe: guarded by {@link EmulatorState}'s
 * lock.
 */
final class AuditTrail {
  private final List<ObjectNode> records = new ArrayList<>();
  private long sequence;

  /** Records an entity change; {@code before}/{@code after} are null for a create/delete. */
  void entity(
      String action,
      String blueprint,
      String identifier,
      String runId,
      JsonNode before,
      JsonNode after,
      String by,
      Instant at) {
    ObjectNode context = Json.object().put("blueprint", blueprint).put("entity", identifier);
    if (runId != null) {
      context.put("runId", runId);
    }
    records.add(record(action, "entity", context, before, after, by, at));
  }

  /** Records a run change; the snapshots are the run as {@code GET ...?version=v2} renders it. */
  void run(String action, RunRecord run, JsonNode before, JsonNode after, String by, Instant at) {
    ObjectNode context = Json.object().put("action", run.action.path("identifier").asText());
    context.put("runId", run.id).put("actionType", "self-service");
    if (run.blueprint != null) {
      context.put("blueprint", run.blueprint);
    }
    if (run.entity != null) {
      context.put("entity", run.entity);
    }
    records.add(record(action, "run", context, before, after, by, at));
  }

  private ObjectNode record(
      String action,
      String resourceType,
      ObjectNode context,
      JsonNode before,
      JsonNode after,
      String by,
      Instant at) {
    // Sequential ids keep the seeded random stream (run ids) the same whatever is audited.
    ObjectNode record = Json.object().put("identifier", String.format("a_%016d", ++sequence));
    record.put("action", action).put("resourceType", resourceType).put("status", "SUCCESS");
    ObjectNode trigger = record.putObject("trigger");
    trigger.putObject("by").put("orgId", TriggerData.ORG_ID).put("userId", by);
    trigger.put("origin", "API").put("at", Json.time(at));
    record.set("context", context);
    ObjectNode diff = record.putObject("diff");
    diff.set("before", before == null ? NullNode.getInstance() : before.deepCopy());
    diff.set("after", after == null ? NullNode.getInstance() : after.deepCopy());
    return record;
  }

  /** Returns every record, oldest first; the nodes are the live records, copy before answering. */
  List<ObjectNode> records() {
    return records;
  }

  /** Forgets every record. */
  void clear() {
    records.clear();
    sequence = 0;
  }
}
