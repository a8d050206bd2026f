package io.portkit.client.run;

import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.entity.Entity;
import io.portkit.client.entity.EntityWriteOptions;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reports the progress and result of one action run, following Port's rules so handlers do not have
 * to know them.
 *
 * <ul>
 *   <li>Links accumulate: Port's PATCH replaces the {@code link} array, so {@link #addLink} resends
 *       every link added so far.
 *   <li>The final status is set exactly once ({@link #succeed}, {@link #fail}, or an {@link
 *       #update} with a status). A second final, and any write after it, throws {@link
 *       RunAlreadyFinishedException} naming the run and its status.
 *   <li>Entity writes made here carry {@code run_id}, so they appear under the run's affected
 *       entities (Port allows that only while the run is in progress).
 * </ul>
 *
 * <p><b>Modes.</b> In {@link Mode#ASYNC} (Port's default) the final status is sent with a PATCH. In
 * {@link Mode#SYNCHRONIZED}, for actions with {@code "synchronized": true}, Port sets the status
 * from the webhook's HTTP answer and rejects a status PATCH with {@code run_synchronized_error};
 * there {@link #succeed}/{@link #fail} send nothing for the status but record the {@link
 * #outcome()} for the webhook layer to answer with, while logs, labels, links, summary and entity
 * writes still go through the API. In async mode a {@code run_synchronized_error} from Port becomes
 * a {@link RunSynchronizedException} explaining the difference.
 *
 * <p><b>Coalescing.</b> With {@link WriteCoalescing} on (the {@link io.portkit.client.PortClient}
 * default), {@link #statusLabel}, {@link #addLink}, {@link #summary}, {@link #externalRunId} and a
 * status-less {@link #update} may be held for a short delay and merged with the writes that follow:
 * a label goes on the next log line, consecutive links become one PATCH, a summary goes with the
 * final status. Port ends up showing the same logs, labels, links and summary in the same order, in
 * fewer calls. A held write is sent by the delay at the latest, and before any log line, entity
 * write, hand-off, final status or {@link #flush()}; if Port refuses it after its call returned,
 * the next call throws a {@link DeferredWriteException} (ADR 0220, 0221).
 *
 * <p>Thread-safe: calls may come from several threads and reach Port in call order. Every write may
 * throw {@link io.portkit.client.PortException}; a failed write changes no local state (a failed
 * {@link #addLink} does not keep the link, a failed final can be retried).
 */
public interface RunContext {
  /** How the run's final status reaches Port. */
  enum Mode {
    /** The backend reports the final status through the API. */
    ASYNC,
    /** Port takes the final status from the webhook's HTTP answer; it is only recorded here. */
    SYNCHRONIZED
  }

  /**
   * Returns a context reporting on {@code runId} through the given APIs.
   *
   * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
   * @param mode how the final status is reported
   */
  static RunContext of(String runId, Mode mode, RunsApi runs, EntitiesApi entities) {
    return of(runId, mode, runs, entities, WriteCoalescing.off());
  }

  /**
   * Returns a context reporting on {@code runId} that holds writes back as {@code coalescing} says.
   *
   * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
   * @param mode how the final status is reported
   * @param coalescing how long writes may be held to merge them; {@link WriteCoalescing#off()} to
   *     send each at once
   */
  static RunContext of(
      String runId, Mode mode, RunsApi runs, EntitiesApi entities, WriteCoalescing coalescing) {
    return new ApiRunContext(runId, mode, runs, entities, coalescing);
  }

  /** Returns the run id. */
  String runId();

  /** Returns the mode fixed at creation. */
  Mode mode();

  /** Appends a log line to the run. */
  void log(String message);

  /** Sets the status label; the status stays as it is. */
  void statusLabel(String label);

  /** Adds a link and sends the whole list of links added so far. */
  void addLink(String url);

  /**
   * Returns the links added so far, in order, including any not sent yet; an unmodifiable snapshot.
   */
  List<String> links();

  /** Sets the run's summary without ending it. */
  void summary(String summary);

  /** Sets the backend's own id for the run. */
  void externalRunId(String externalRunId);

  /**
   * Sends several fields in one PATCH. Links given here replace the accumulated list. A status here
   * is the final status, with the same once-only rule as {@link #succeed}.
   */
  void update(RunUpdate update);

  /**
   * Sends now whatever this context holds back for coalescing (see {@link WriteCoalescing});
   * nothing when it holds nothing. The dispatcher calls it before it answers a synchronized run,
   * whose answer ends the run. The default does nothing: a context that wraps another must
   * delegate.
   *
   * <p>After the final status there is nothing held, and this does nothing.
   *
   * @throws DeferredWriteException if Port refused an earlier held write (thrown once)
   */
  default void flush() {}

  /** Upserts an entity tied to this run ({@link EntityWriteOptions#UPSERT} plus {@code run_id}). */
  Entity upsertEntity(String blueprint, Entity entity);

  /** Writes an entity with {@code options}, tied to this run. */
  Entity upsertEntity(String blueprint, Entity entity, EntityWriteOptions options);

  /** Deletes an entity, tied to this run. */
  void deleteEntity(String blueprint, String identifier);

  /**
   * Ends the run with SUCCESS and {@code summary} (null for none): an {@link #update} with that
   * status and summary.
   */
  default void succeed(@Nullable String summary) {
    update(finalUpdate(FinalStatus.SUCCESS, summary));
  }

  /**
   * Ends the run with FAILURE and {@code summary} (null for none): an {@link #update} with that
   * status and summary.
   */
  default void fail(@Nullable String summary) {
    update(finalUpdate(FinalStatus.FAILURE, summary));
  }

  /** Returns whether the final status has been set (sent, or recorded in synchronized mode). */
  default boolean isFinished() {
    return outcome().isPresent();
  }

  /** Returns the final outcome once set. */
  Optional<RunOutcome> outcome();

  /**
   * Hands the run to another system: sends {@code handOff.externalRunId()} to Port as the run's
   * external id and records the hand-off, so that when the handler returns the run is not ended
   * SUCCESS but stays IN_PROGRESS, awaited until a completion names it (by external id or run id)
   * or its deadline passes. Only for asynchronous runs, once per run, before the final status.
   *
   * <p>The default throws: a context that does not talk to Port itself (a wrapper) must delegate.
   *
   * @throws IllegalStateException if the run is synchronized (its answer is owed now) or was
   *     already handed off
   * @throws RunAlreadyFinishedException if the final status was already set
   * @throws UnsupportedOperationException if this context cannot hand runs off
   */
  default void handOff(HandOff handOff) {
    throw new UnsupportedOperationException(
        getClass().getName()
            + " cannot hand runs off: delegate handOff(...) to the wrapped context");
  }

  /** Returns the hand-off recorded by {@link #handOff(HandOff)}, if any. */
  default Optional<HandOff> handedOff() {
    return Optional.empty();
  }

  private static RunUpdate finalUpdate(FinalStatus status, @Nullable String summary) {
    RunUpdate.Builder b = RunUpdate.builder().status(status);
    if (summary != null) {
      b.summary(summary);
    }
    return b.build();
  }
}
