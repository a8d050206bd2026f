package io.portkit.client.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunAlreadyFinishedException;
import io.portkit.client.run.RunOutcome;
import io.portkit.client.run.RunUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** The {@link NodeRunContext} backed by {@link WorkflowNodeRunsApi}. Thread-safe. */
final class ApiNodeRunContext implements NodeRunContext {
  private final String runId;
  private final Mode mode;
  private final WorkflowNodeRunsApi api;
  private final EntitiesApi entities;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> links = new ArrayList<>(); // guarded by lock
  private ObjectNode output = JsonNodeFactory.instance.objectNode(); // guarded by lock
  private @Nullable String lastLabel; // guarded by lock
  private volatile @Nullable RunOutcome outcome;
  private volatile @Nullable HandOff handOff;

  ApiNodeRunContext(String runId, Mode mode, WorkflowNodeRunsApi api, EntitiesApi entities) {
    this.runId = Objects.requireNonNull(runId, "runId == null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
    this.mode = Objects.requireNonNull(mode, "mode == null");
    this.api = Objects.requireNonNull(api, "api == null");
    this.entities = Objects.requireNonNull(entities, "entities == null");
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public void log(String message) {
    log(LogLevel.INFO, message);
  }

  @Override
  public void log(LogLevel level, String message) {
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(message, "message == null");
    locked("log", () -> api.addLogs(runId, List.of(NodeRunLog.of(level, message))));
  }

  @Override
  public void log(LogLevel level, String message, Map<String, String> tags) {
    NodeRunLog line = new NodeRunLog(level, message, tags);
    locked("log", () -> api.update(runId, NodeRunUpdate.builder().log(line).build()));
  }

  @Override
  public void statusLabel(String label) {
    Objects.requireNonNull(label, "label == null");
    locked(
        "set the status label",
        () -> {
          api.addLogs(runId, List.of(NodeRunLog.of(LogLevel.INFO, "status: " + label)));
          lastLabel = label;
        });
  }

  @Override
  public void addLink(String url) {
    Objects.requireNonNull(url, "url == null");
    locked(
        "add a link",
        () -> {
          api.addLogs(runId, List.of(NodeRunLog.of(LogLevel.INFO, "link: " + url)));
          links.add(url);
        });
  }

  @Override
  public List<String> links() {
    lock.lock();
    try {
      return List.copyOf(links);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void summary(String summary) {
    Objects.requireNonNull(summary, "summary == null");
    locked(
        "set the summary",
        () -> api.addLogs(runId, List.of(NodeRunLog.of(LogLevel.INFO, "summary: " + summary))));
  }

  @Override
  public void externalRunId(String externalRunId) {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    locked(
        "set the external run id",
        () -> api.update(runId, NodeRunUpdate.builder().externalRunId(externalRunId).build()));
  }

  @Override
  public void output(ObjectNode output) {
    Objects.requireNonNull(output, "output == null");
    locked("set the output", () -> this.output = output.deepCopy());
  }

  @Override
  public void putOutput(String field, JsonNode value) {
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(value, "value == null");
    locked("set the output", () -> output.set(field, value.deepCopy()));
  }

  @Override
  public ObjectNode output() {
    lock.lock();
    try {
      return output.deepCopy();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void update(RunUpdate update) {
    Objects.requireNonNull(update, "update == null");
    locked(
        update.status() == null ? "update" : "set the final status again",
        () -> {
          NodeRunUpdate.Builder patch = NodeRunUpdate.builder();
          if (update.externalRunId() != null) {
            patch.externalRunId(update.externalRunId());
          }
          if (update.links() != null) {
            update.links().stream()
                .filter(l -> !links.contains(l))
                .forEach(l -> patch.log(NodeRunLog.of(LogLevel.INFO, "link: " + l)));
          }
          FinalStatus status = update.status();
          String text = update.summary() != null ? update.summary() : update.statusLabel();
          if (text != null) {
            LogLevel level = status == FinalStatus.FAILURE ? LogLevel.ERROR : LogLevel.INFO;
            patch.log(NodeRunLog.of(level, status == null ? "status: " + text : text));
          }
          if (status != null && mode == Mode.ASYNC) {
            patch
                .status(NodeRunStatus.COMPLETED)
                .result(
                    status == FinalStatus.SUCCESS ? NodeRunResult.SUCCESS : NodeRunResult.FAILED)
                .output(output);
          }
          NodeRunUpdate body = patch.build();
          if (body.status() != null || body.externalRunId() != null) {
            api.update(runId, body);
          } else if (!body.logs().isEmpty()) {
            api.addLogs(runId, body.logs());
          }
          if (update.links() != null) {
            links.clear();
            links.addAll(update.links());
          }
          if (update.statusLabel() != null) {
            lastLabel = update.statusLabel();
          }
          if (status != null) {
            String label = update.statusLabel() != null ? update.statusLabel() : lastLabel;
            outcome = new RunOutcome(status, update.summary(), label);
          }
        });
  }

  @Override
  public Entity upsertEntity(String blueprint, Entity entity) {
    return upsertEntity(blueprint, entity, EntityWriteOptions.UPSERT);
  }

  @Override
  public Entity upsertEntity(String blueprint, Entity entity, EntityWriteOptions options) {
    Objects.requireNonNull(blueprint, "blueprint == null");
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(options, "options == null");
    ensureOpen("write an entity");
    return entities.upsert(blueprint, entity, options); // Port ties entities to action runs only
  }

  @Override
  public void deleteEntity(String blueprint, String identifier) {
    Objects.requireNonNull(blueprint, "blueprint == null");
    Objects.requireNonNull(identifier, "identifier == null");
    ensureOpen("delete entity " + identifier);
    entities.delete(blueprint, identifier, null, false);
  }

  @Override
  public Optional<RunOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  @Override
  public void handOff(HandOff handOff) {
    Objects.requireNonNull(handOff, "handOff == null");
    if (mode == Mode.SYNCHRONIZED) {
      throw new IllegalStateException(
          "node run "
              + runId
              + " is synchronized: its result is owed in the webhook's answer now, so it cannot"
              + " be handed off; register the node with HandlerOptions.defaults() to hand off");
    }
    locked(
        "hand off",
        () -> {
          if (this.handOff != null) {
            throw new IllegalStateException("node run " + runId + " was already handed off");
          }
          api.update(
              runId,
              NodeRunUpdate.builder()
                  .status(NodeRunStatus.IN_PROGRESS)
                  .externalRunId(handOff.externalRunId())
                  .log(
                      NodeRunLog.of(
                          LogLevel.INFO,
                          "waiting for "
                              + handOff.expectedFrom()
                              + " ("
                              + handOff.externalRunId()
                              + ")"))
                  .build());
          this.handOff = handOff;
        });
  }

  @Override
  public Optional<HandOff> handedOff() {
    return Optional.ofNullable(handOff);
  }

  private void locked(String attempted, Runnable write) {
    lock.lock();
    try {
      ensureOpen(attempted);
      write.run();
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen(String attempted) {
    RunOutcome done = outcome;
    if (done != null) {
      throw new RunAlreadyFinishedException(runId, done.status(), attempted);
    }
  }

  @Override
  public String toString() {
    return "NodeRunContext[runId=" + runId + ", mode=" + mode + ", outcome=" + outcome + "]";
  }
}
