package io.portkit.examples.cli;

import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunOutcome;
import io.portkit.client.run.RunUpdate;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RunContext} that prints each event to a {@link Timeline} once the wrapped context took
 * it (sent, or held a moment to be merged with the next write).
 */
final class TimelineContext implements RunContext {
  private final RunContext delegate;
  private final Timeline timeline;

  TimelineContext(RunContext delegate, Timeline timeline) {
    this.delegate = delegate;
    this.timeline = timeline;
  }

  @Override
  public String runId() {
    return delegate.runId();
  }

  @Override
  public Mode mode() {
    return delegate.mode();
  }

  @Override
  public void log(String message) {
    delegate.log(message);
    timeline.print(runId(), "log", message);
  }

  @Override
  public void statusLabel(String label) {
    delegate.statusLabel(label);
    timeline.print(runId(), "label", label);
  }

  @Override
  public void addLink(String url) {
    delegate.addLink(url);
    timeline.print(runId(), "link", url);
  }

  @Override
  public List<String> links() {
    return delegate.links();
  }

  @Override
  public void summary(String summary) {
    delegate.summary(summary);
    timeline.print(runId(), "summary", summary);
  }

  @Override
  public void externalRunId(String externalRunId) {
    delegate.externalRunId(externalRunId);
    timeline.print(runId(), "external", externalRunId);
  }

  @Override
  public void update(RunUpdate update) {
    delegate.update(update);
    if (update.status() == null) {
      timeline.print(runId(), "update", update.toString());
      return;
    }
    // A final status, the handler's own or the dispatcher's (timeout, shutdown): one status line.
    String label = update.statusLabel();
    String summary = update.summary() == null ? "" : update.summary();
    timeline.print(
        runId(), update.status().name(), label == null ? summary : label + ": " + summary);
    timeline.ended(runId(), update.status().name());
  }

  @Override
  public Entity upsertEntity(String blueprint, Entity entity) {
    Entity stored = delegate.upsertEntity(blueprint, entity);
    timeline.print(runId(), "entity", blueprint + "/" + entity.identifier());
    return stored;
  }

  @Override
  public Entity upsertEntity(String blueprint, Entity entity, EntityWriteOptions options) {
    Entity stored = delegate.upsertEntity(blueprint, entity, options);
    timeline.print(runId(), "entity", blueprint + "/" + entity.identifier());
    return stored;
  }

  @Override
  public void deleteEntity(String blueprint, String identifier) {
    delegate.deleteEntity(blueprint, identifier);
    timeline.print(runId(), "deleted", blueprint + "/" + identifier);
  }

  @Override
  public void succeed(String summary) {
    delegate.succeed(summary);
    timeline.print(runId(), "SUCCESS", summary == null ? "" : summary);
    timeline.ended(runId(), "SUCCESS");
  }

  @Override
  public void fail(String summary) {
    delegate.fail(summary);
    timeline.print(runId(), "FAILURE", summary == null ? "" : summary);
    timeline.ended(runId(), "FAILURE");
  }

  @Override
  public void handOff(HandOff handOff) {
    delegate.handOff(handOff);
    timeline.print(
        runId(),
        "handoff",
        handOff.externalRunId() + " to " + handOff.expectedFrom() + ", due " + handOff.deadline());
    timeline.ended(runId(), Timeline.HANDED_OFF);
  }

  @Override
  public void flush() {
    delegate.flush(); // held writes reach Port before a synchronized run's answer
  }

  @Override
  public Optional<HandOff> handedOff() {
    return delegate.handedOff();
  }

  @Override
  public boolean isFinished() {
    return delegate.isFinished();
  }

  @Override
  public Optional<RunOutcome> outcome() {
    return delegate.outcome();
  }
}
