package io.portkit.client.run;

import io.portkit.client.PortTransportException;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link RunContext} backed by {@link RunsApi} and {@link EntitiesApi}. Thread-safe: one Port
 * call at a time per run, under a {@link ReentrantLock} rather than a monitor, because handlers run
 * on virtual threads and a monitor held across an HTTP call pins the carrier thread on Java 21 to
 * 23 (a few slow calls then stall every other run). Waiting for the lock is interruptible, so a
 * dispatcher bounding a report by interrupting it is not held up by another call of the run.
 */
final class ApiRunContext implements RunContext {
  private final String runId;
  private final Mode mode;
  private final RunsApi runs;
  private final EntitiesApi entities;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> links = new ArrayList<>(); // guarded by lock
  private String lastLabel; // guarded by lock
  private volatile RunOutcome outcome;
  private final AtomicReference<HandOff> handOff = new AtomicReference<>();

  ApiRunContext(String runId, Mode mode, RunsApi runs, EntitiesApi entities) {
    this.runId = Objects.requireNonNull(runId, "runId == null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
    this.mode = Objects.requireNonNull(mode, "mode == null");
    this.runs = Objects.requireNonNull(runs, "runs == null");
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
    Objects.requireNonNull(message, "message == null");
    lock();
    try {
      ensureOpen("log");
      runs.addLog(runId, RunLog.of(message));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void statusLabel(String label) {
    Objects.requireNonNull(label, "label == null");
    lock();
    try {
      ensureOpen("set the status label");
      runs.update(runId, RunUpdate.builder().statusLabel(label).build());
      lastLabel = label;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addLink(String url) {
    Objects.requireNonNull(url, "url == null");
    lock();
    try {
      ensureOpen("add a link");
      List<String> next = new ArrayList<>(links);
      next.add(url);
      // Port's PATCH replaces the whole link array, so every earlier link is resent.
      runs.update(runId, RunUpdate.builder().links(next).build());
      links.add(url);
    } finally {
      lock.unlock();
    }
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
    lock();
    try {
      ensureOpen("set the summary");
      runs.update(runId, RunUpdate.builder().summary(summary).build());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void externalRunId(String externalRunId) {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    lock();
    try {
      ensureOpen("set the external run id");
      runs.update(runId, RunUpdate.builder().externalRunId(externalRunId).build());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void update(RunUpdate update) {
    Objects.requireNonNull(update, "update == null");
    lock();
    try {
      ensureOpen(update.status() == null ? "update" : "set the final status again");
      if (update.status() == null) {
        send(update);
        return;
      }
      if (mode == Mode.SYNCHRONIZED) {
        // Port rejects a status PATCH for synchronized actions; send the rest, record the status.
        RunUpdate withoutStatus =
            new RunUpdate(
                null,
                update.statusLabel(),
                update.links(),
                update.summary(),
                update.externalRunId());
        if (!withoutStatus.isEmpty()) {
          send(withoutStatus);
        }
      } else {
        send(update);
      }
      String label = update.statusLabel() != null ? update.statusLabel() : lastLabel;
      outcome = new RunOutcome(update.status(), update.summary(), label);
    } finally {
      lock.unlock();
    }
  }

  private void send(RunUpdate update) {
    runs.update(runId, update);
    if (update.links() != null) {
      links.clear();
      links.addAll(update.links());
    }
    if (update.statusLabel() != null) {
      lastLabel = update.statusLabel();
    }
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
    lock();
    try {
      ensureOpen(
          "write entity " + (entity.identifier() == null ? "(new, unnamed)" : entity.identifier()));
      return entities.upsert(blueprint, entity, options.withRunId(runId));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void deleteEntity(String blueprint, String identifier) {
    Objects.requireNonNull(blueprint, "blueprint == null");
    Objects.requireNonNull(identifier, "identifier == null");
    lock();
    try {
      ensureOpen("delete entity " + identifier);
      entities.delete(blueprint, identifier, runId, false);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void succeed(String summary) {
    finish(FinalStatus.SUCCESS, summary);
  }

  @Override
  public void fail(String summary) {
    finish(FinalStatus.FAILURE, summary);
  }

  private void finish(FinalStatus status, String summary) {
    RunUpdate.Builder b = RunUpdate.builder().status(status);
    if (summary != null) {
      b.summary(summary);
    }
    update(b.build());
  }

  @Override
  public boolean isFinished() {
    return outcome != null;
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
          "run "
              + runId
              + " is synchronized: its result is owed in the webhook's answer now, so it cannot be"
              + " handed off; register the action asynchronously to hand runs off");
    }
    if (!this.handOff.compareAndSet(null, handOff)) {
      throw new IllegalStateException(
          "run "
              + runId
              + " was already handed off to "
              + this.handOff.get().externalRunId()
              + ": a run is handed off once");
    }
    try {
      update(
          RunUpdate.builder()
              .externalRunId(handOff.externalRunId())
              .statusLabel("waiting for " + handOff.expectedFrom())
              .build());
    } catch (RuntimeException e) {
      this.handOff.set(null); // not recorded in Port: the handler may try again
      throw e;
    }
  }

  @Override
  public Optional<HandOff> handedOff() {
    return Optional.ofNullable(handOff.get());
  }

  /** Takes the run's lock, interruptibly: an interrupted wait is a transport failure. */
  private void lock() {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortTransportException(
          "interrupted waiting for run " + runId + "'s previous call to Port", false, e);
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
    return "RunContext[runId=" + runId + ", mode=" + mode + ", outcome=" + outcome + "]";
  }
}
