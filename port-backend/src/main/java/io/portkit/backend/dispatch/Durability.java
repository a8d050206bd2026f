package io.portkit.backend.dispatch;

import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.JournalException;
import io.portkit.backend.journal.RunJournal;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's use of its {@link RunJournal}, or nothing when it has none: records a run before
 * it is acknowledged, and its end after it was reported. Thread-safe.
 */
final class Durability implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Durability.class);

  private final RunJournal journal; // null: no journal
  private final Clock clock;

  Durability(RunJournal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
  }

  RunJournal journal() {
    return journal;
  }

  /**
   * Returns whether the journal holds {@code runId} (taken before, maybe by an earlier process).
   */
  boolean known(String runId) {
    return journal != null && journal.contains(runId);
  }

  /**
   * Records the run durably. Returns null when recorded (or there is no journal), else the answer
   * that refuses it: a duplicate, or 503 when the journal cannot be written.
   */
  @Nullable DispatchOutcome accept(ActiveRun run, boolean started) {
    if (journal == null) {
      return null;
    }
    try {
      if (journal.accept(
          new JournalEntry(
              run.runId(),
              run.route().action(),
              run.invocation().raw(),
              started,
              clock.instant()))) {
        return null;
      }
      log.info("run {} delivered again while in the journal; not executed twice", run.runId());
      return DispatchOutcome.duplicate();
    } catch (JournalException e) {
      log.error("run {} refused: the journal cannot record it", run.runId(), e);
      return DispatchOutcome.rejected(
          DispatchOutcome.Reason.JOURNAL_UNAVAILABLE,
          "run "
              + run.runId()
              + " was not started: the backend cannot record it in its run journal ("
              + e.getMessage()
              + "); fix the journal's disk and run the action again");
    }
  }

  /**
   * Records that a queued run starts its handler, before it does.
   *
   * @return null when recorded (or there is no journal), else why it could not be, for the run's
   *     FAILURE summary
   */
  @Nullable String started(ActiveRun run) {
    if (journal == null) {
      return null;
    }
    try {
      journal.start(run.runId());
      return null;
    } catch (JournalException | IllegalStateException e) {
      log.error("run {} not started: the journal cannot record its start", run.runId(), e);
      return e.getMessage();
    }
  }

  /** Records that the run ended, or, if it never started, forgets it so a redelivery runs. */
  void finished(ActiveRun run) {
    if (journal == null) {
      return;
    }
    if (run.isHandedOff()) {
      return; // the hand-off is journaled; its end is recorded when it completes or expires
    }
    String status = run.endedWith();
    try {
      if (status == null) {
        journal.release(run.runId());
      } else {
        journal.finish(run.runId(), status);
      }
    } catch (JournalException | IllegalStateException e) {
      // The run's status is in Port already; the next start will end it again, harmlessly for
      // a FAILURE, but a resumable handler would run again.
      log.error(
          "run {} ended {} but the journal could not record it ({}); the next start will end it"
              + " again",
          run.runId(),
          status,
          e.getMessage());
    }
  }

  @Override
  public void close() {
    if (journal != null) {
      journal.close();
    }
  }
}
