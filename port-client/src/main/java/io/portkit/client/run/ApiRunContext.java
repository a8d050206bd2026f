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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RunContext} backed by {@link RunsApi} and {@link EntitiesApi}. Thread-safe: one Port
 * call at a time per run, under a {@link ReentrantLock} rather than a monitor, because handlers run
 * on virtual threads and a monitor held across an HTTP call pins the carrier thread on Java 21 to
 * 23 (a few slow calls then stall every other run). Waiting for the lock is interruptible, so a
 * dispatcher bounding a report by interrupting it is not held up by another call of the run.
 *
 * <p>Label, link, summary and external-id writes may be held for coalescing; {@link RunWrites}
 * sends them (ADR 0220, 0221).
 */
final class ApiRunContext implements RunContext {
  private final String runId;
  private final Mode mode;
  private final EntitiesApi entities;
  private final ReentrantLock lock = new ReentrantLock();
  private final RunWrites writes; // guarded by lock
  private volatile @Nullable RunOutcome outcome;
  private final AtomicReference<HandOff> handOff = new AtomicReference<>();

  ApiRunContext(
      String runId, Mode mode, RunsApi runs, EntitiesApi entities, WriteCoalescing coalescing) {
    this.runId = Objects.requireNonNull(runId, "runId == null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
    this.mode = Objects.requireNonNull(mode, "mode == null");
    this.entities = Objects.requireNonNull(entities, "entities == null");
    this.writes =
        new RunWrites(
            runId,
            Objects.requireNonNull(runs, "runs == null"),
            Objects.requireNonNull(coalescing, "coalescing == null"),
            lock,
            this::isFinished);
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
    locked("log", () -> writes.log(message));
  }

  @Override
  public void statusLabel(String label) {
    Objects.requireNonNull(label, "label == null");
    hold("set the status label", RunUpdate.builder().statusLabel(label).build());
  }

  @Override
  public void addLink(String url) {
    Objects.requireNonNull(url, "url == null");
    locked(
        "add a link",
        () -> {
          // Port's PATCH replaces the whole link array, so every earlier link is resent.
          List<String> next = new ArrayList<>(writes.currentLinks());
          next.add(url);
          writes.hold(RunUpdate.builder().links(next).build());
        });
  }

  @Override
  public List<String> links() {
    lock.lock();
    try {
      return List.copyOf(writes.currentLinks());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void summary(String summary) {
    Objects.requireNonNull(summary, "summary == null");
    hold("set the summary", RunUpdate.builder().summary(summary).build());
  }

  @Override
  public void externalRunId(String externalRunId) {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    hold("set the external run id", RunUpdate.builder().externalRunId(externalRunId).build());
  }

  @Override
  public void update(RunUpdate update) {
    Objects.requireNonNull(update, "update == null");
    if (update.status() == null) {
      hold("update", update);
      return;
    }
    locked(
        "set the final status again",
        () -> {
          // One PATCH carries the final status and everything still held (ADR 0222).
          RunUpdate last = writes.withHeld(update);
          if (mode == Mode.SYNCHRONIZED) {
            // Port rejects a status PATCH for synchronized actions; send the rest, record it.
            writes.sendCarryingHeld(
                new RunUpdate(
                    null, last.statusLabel(), last.links(), last.summary(), last.externalRunId()));
          } else {
            writes.sendCarryingHeld(last);
          }
          String label = last.statusLabel() != null ? last.statusLabel() : writes.lastLabel();
          outcome = new RunOutcome(update.status(), last.summary(), label);
        });
  }

  @Override
  public void flush() {
    if (outcome != null) {
      return; // the final status carried everything held
    }
    locked("flush", writes::sendPending);
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
    String what = entity.identifier() == null ? "(new, unnamed)" : entity.identifier();
    return lockedGet(
        "write entity " + what,
        () -> {
          writes.sendPending(); // the run's page shows the writes before the entity, as made
          return entities.upsert(blueprint, entity, options.withRunId(runId));
        });
  }

  @Override
  public void deleteEntity(String blueprint, String identifier) {
    Objects.requireNonNull(blueprint, "blueprint == null");
    Objects.requireNonNull(identifier, "identifier == null");
    locked(
        "delete entity " + identifier,
        () -> {
          writes.sendPending();
          entities.delete(blueprint, identifier, runId, false);
        });
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
    RunUpdate update =
        RunUpdate.builder()
            .externalRunId(handOff.externalRunId())
            .statusLabel("waiting for " + handOff.expectedFrom())
            .build();
    try {
      // Sent now, with whatever is held: the other system may complete the run any moment.
      locked("hand the run off", () -> writes.sendWithHeld(update));
    } catch (RuntimeException e) {
      this.handOff.set(null); // not recorded in Port: the handler may try again
      throw e;
    }
  }

  @Override
  public Optional<HandOff> handedOff() {
    return Optional.ofNullable(handOff.get());
  }

  private void hold(String attempted, RunUpdate update) {
    locked(attempted, () -> writes.hold(update));
  }

  private void locked(String attempted, Runnable write) {
    lockedGet(
        attempted,
        () -> {
          write.run();
          return null;
        });
  }

  /**
   * Runs {@code write} under the run's lock (taken interruptibly: an interrupted wait is a
   * transport failure), once the run is known open and an earlier refusal of a held write has been
   * thrown, once.
   */
  private <T> T lockedGet(String attempted, Supplier<T> write) {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortTransportException(
          "interrupted waiting for run " + runId + "'s previous call to Port", false, e);
    }
    try {
      RunOutcome done = outcome;
      if (done != null) {
        throw new RunAlreadyFinishedException(runId, done.status(), attempted);
      }
      writes.throwRefused();
      return write.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "RunContext[runId=" + runId + ", mode=" + mode + ", outcome=" + outcome + "]";
  }
}
