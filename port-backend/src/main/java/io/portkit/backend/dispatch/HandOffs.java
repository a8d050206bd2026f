package io.portkit.backend.dispatch;

import io.portkit.backend.dispatch.Completion.Kind;
import io.portkit.backend.dispatch.PendingHandOffs.Ended;
import io.portkit.backend.dispatch.PendingHandOffs.How;
import io.portkit.backend.journal.HandedOffRun;
import io.portkit.backend.journal.JournalException;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortApiException;
import io.portkit.client.PortAuthenticationException;
import io.portkit.client.PortClient;
import io.portkit.client.PortException;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunAlreadyFinishedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs handlers handed to other systems ({@link io.portkit.client.run.RunContext#handOff}), and
 * the one way to end them: {@link #complete} by the other system's id, or {@link #completeRun} by
 * run id, from a callback, a poller, a queue consumer or a person.
 *
 * <pre>{@code
 * Completion c = backend.handOffs().complete("pipeline-42",
 *     HandOffResult.builder(FinalStatus.SUCCESS).summary("passed").link(url).build());
 * if (!c.isCompleted()) log.info(c.message()); // twice, too late, unknown: nothing changed
 * }</pre>
 *
 * <p>A run awaited here (handed off in this process, or found in the journal at start) is ended
 * through its own context; a run not awaited here is looked up in Port ({@code GET
 * /v1/actions/runs?external_run_id=}) and ended if it is still running, so a completion works from
 * any process that has the credentials. When a deadline passes the run ends FAILURE, label {@code
 * no completion}, saying what was expected from whom and by when. A second completion, one after
 * the deadline, and one for an unknown id change nothing, and the {@link Completion} says which.
 *
 * <p>With a journal, every hand-off and its end are on disk before they count, and a restarted
 * backend awaits the runs again (deadlines included). Without one, a shutdown ends each awaited run
 * FAILURE {@code backend shut down}. Thread-safe.
 */
public final class HandOffs {
  private static final Logger log = LoggerFactory.getLogger(HandOffs.class);

  /** How long to wait before trying again to end a run Port did not take the FAILURE of. */
  private static final Duration RETRY = Duration.ofSeconds(30);

  private final PendingHandOffs pending = new PendingHandOffs();
  private final HandOffTimers deadlines;
  private final HandOffReporter reporter;
  private final @Nullable RunJournal journal;
  private final @Nullable PortClient port;
  private final Clock clock;
  private volatile HandOffKeys keys = HandOffKeys.NONE;
  private volatile RunListener listener = RunListener.NONE;
  // When each awaited run was taken (or restored), on System.nanoTime's scale, for its duration.
  private final Map<String, Long> takenAtNanos = new ConcurrentHashMap<>();

  HandOffs(
      RunContextFactory contexts,
      @Nullable RunJournal journal,
      @Nullable PortClient port,
      Clock clock,
      @Nullable ScheduledExecutorService timers) {
    this.reporter = new HandOffReporter(contexts, port);
    this.journal = journal;
    this.port = port;
    this.clock = clock;
    this.deadlines = new HandOffTimers(timers, clock, this::expireIfDue);
  }

  /**
   * Returns completions for a process that runs no backend (a separate callback service, a script):
   * nothing is awaited in memory and no deadline is kept; each completion finds its run in Port.
   */
  public static HandOffs remote(PortClient port) {
    Objects.requireNonNull(port, "port == null");
    return new HandOffs(port::runContext, null, port, Clock.systemUTC(), null);
  }

  /**
   * Ends the handed-off run the other system knows as {@code externalRunId} with {@code result}.
   * Never throws for a run it cannot end; the answer says why.
   */
  public Completion complete(String externalRunId, HandOffResult result) {
    Objects.requireNonNull(externalRunId, "externalRunId == null");
    Objects.requireNonNull(result, "result == null");
    HandedOffRun awaited = pending.claimByExternal(externalRunId);
    if (awaited != null) {
      return finish(awaited, result);
    }
    Ended ended = pending.endedExternal(externalRunId);
    if (ended != null) {
      return answer(ended);
    }
    return PortCompletions.byExternalId(port, reporter, externalRunId, result);
  }

  /** Ends the handed-off run {@code runId} with {@code result}; see {@link #complete}. */
  public Completion completeRun(String runId, HandOffResult result) {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(result, "result == null");
    HandedOffRun awaited = pending.claimByRun(runId);
    if (awaited != null) {
      return finish(awaited, result);
    }
    Ended ended = pending.endedRun(runId);
    if (ended != null) {
      return answer(ended);
    }
    return PortCompletions.byRunId(port, reporter, runId, result);
  }

  /** Tells {@code keys} (the dispatcher's scheduler) when a run's hand-off is restored or ends. */
  void keys(HandOffKeys keys) {
    this.keys = keys;
  }

  /** Tells {@code listener} of each awaited run that ends here (kind {@code HANDED_OFF}). */
  void listener(RunListener listener) {
    this.listener = listener;
  }

  /** Returns the runs awaited in this process now, oldest first. */
  public List<HandedOffRun> pending() {
    return pending.snapshot();
  }

  /**
   * Ends, FAILURE, every awaited run whose deadline has passed on the clock now. The deadlines fire
   * on their own; call this after moving a test clock, or to check at once.
   *
   * @return how many runs it ended
   */
  public int expireOverdue() {
    int n = 0;
    for (HandedOffRun run : pending.snapshot()) {
      if (expireIfDue(run.runId())) {
        n++;
      }
    }
    return n;
  }

  /**
   * Takes the hand-off of {@code run}: journals it, awaits it, and arms its deadline. Returns null,
   * or why it was refused (another run awaits the same external id) for the run's FAILURE.
   */
  @Nullable String take(ActiveRun run, HandOff handOff) {
    HandedOffRun handed =
        new HandedOffRun(
            run.runId(),
            run.route().action(),
            handOff.externalRunId(),
            handOff.deadline(),
            handOff.expectedFrom(),
            run.concurrencyKey()); // held by the run already; released when the hand-off ends
    takenAtNanos.put(handed.runId(), run.takenAtNanos());
    String other = pending.add(handed);
    if (other != null) {
      takenAtNanos.remove(handed.runId()); // not handed off: the dispatcher reports its FAILURE
      return "run "
          + other
          + " already waits for "
          + handOff.externalRunId()
          + ": give each hand-off its own external id";
    }
    if (journal != null) {
      try {
        journal.handOff(handed);
      } catch (JournalException | IllegalStateException e) {
        log.error(
            "run {}: the journal could not record its hand-off ({}); it is awaited until this"
                + " process stops, and a restart reports it FAILURE",
            run.runId(),
            e.getMessage());
      }
    }
    deadlines.arm(handed.runId(), handed.deadline());
    log.info(
        "run {} handed off to {} ({}), due by {}",
        run.runId(),
        handOff.expectedFrom(),
        handOff.externalRunId(),
        handOff.deadline());
    return null;
  }

  /** Awaits again the runs a journal holds as handed off, when the backend starts. */
  void restore(List<HandedOffRun> runs) {
    for (HandedOffRun run : runs) {
      if (pending.add(run) == null) {
        keys.hold(run); // before the queued runs of the journal are taken
        takenAtNanos.putIfAbsent(run.runId(), System.nanoTime());
        log.info(
            "run {} is still handed off to {} ({}), due by {}: waiting again",
            run.runId(),
            run.expectedFrom(),
            run.externalRunId(),
            run.deadline());
        deadlines.arm(run.runId(), run.deadline());
      }
    }
  }

  /**
   * Stops the deadlines. Without a journal ({@code durable} false) each awaited run ends FAILURE
   * {@code backend shut down}; with one they stay journaled for the next start.
   */
  void close(boolean durable) {
    deadlines.cancelAll();
    if (durable) {
      return;
    }
    for (HandedOffRun run : pending.snapshot()) {
      if (pending.claimByRun(run.runId()) != null) {
        try {
          reporter.shutDown(run);
        } catch (RuntimeException e) {
          log.error(
              "run {}: reporting FAILURE at shutdown failed ({}); set its status by hand",
              run.runId(),
              e.toString());
        }
        settled(run, EndedRun.Result.SHUTDOWN);
      }
    }
  }

  private Completion finish(HandedOffRun run, HandOffResult result) {
    Instant now = clock.instant();
    if (now.isAfter(run.deadline())) {
      expire(run);
      return new Completion(
          Kind.PAST_DEADLINE,
          run.runId(),
          "run "
              + run.runId()
              + " ("
              + run.externalRunId()
              + ") was due by "
              + run.deadline()
              + " and the completion came at "
              + now
              + ": the run ends FAILURE, nothing of this completion was applied");
    }
    try {
      reporter.complete(run.runId(), result);
    } catch (RunAlreadyFinishedException e) {
      return ended(run, How.ENDED_ELSEWHERE, e.finalStatus().name(), Kind.ALREADY_FINISHED);
    } catch (PortApiException e) {
      if (e.isRetryable() || e instanceof PortAuthenticationException) {
        return reportFailed(run, e);
      }
      // Port refuses for good: the run ended there (a cancelled workflow, an edit by hand).
      log.info(
          "run {}: Port refused its completion ({}); it has ended", run.runId(), e.getMessage());
      deadlines.disarm(run.runId());
      journalFinish(run.runId(), "REFUSED");
      pending.ended(run, How.ENDED_ELSEWHERE, "in Port");
      settled(run, EndedRun.Result.FAILURE);
      return new Completion(
          Kind.ALREADY_FINISHED,
          run.runId(),
          "Port refused to end run "
              + run.runId()
              + " ("
              + run.externalRunId()
              + "): "
              + e.getMessage()
              + "; nothing changed");
    } catch (RuntimeException e) {
      return reportFailed(run, e);
    }
    log.info("run {} ({}) completed {}", run.runId(), run.externalRunId(), result.status());
    return ended(run, How.COMPLETED, result.status().name(), Kind.COMPLETED);
  }

  private Completion reportFailed(HandedOffRun run, RuntimeException e) {
    String endedElsewhere = reporter.endedInPort(run.runId());
    if (endedElsewhere != null) {
      return ended(run, How.ENDED_ELSEWHERE, endedElsewhere, Kind.ALREADY_FINISHED);
    }
    pending.add(run);
    log.warn("run {}: reporting its completion failed ({}); still awaited", run.runId(), e);
    return new Completion(
        Kind.REPORT_FAILED,
        run.runId(),
        "run "
            + run.runId()
            + " was found but Port did not take its final status ("
            + e.getMessage()
            + "); it is still awaited: send the completion again");
  }

  private Completion ended(HandedOffRun run, How how, String status, Kind kind) {
    deadlines.disarm(run.runId());
    journalFinish(run.runId(), status);
    pending.ended(run, how, status);
    settled(
        run,
        how == How.EXPIRED
            ? EndedRun.Result.TIMEOUT
            : status.equals("SUCCESS") ? EndedRun.Result.SUCCESS : EndedRun.Result.FAILURE);
    return answer(new Ended(run, how, status), kind);
  }

  // The run's hand-off is over: the next run of its concurrency key may start, and the metrics
  // count it.
  private void settled(HandedOffRun run, EndedRun.Result result) {
    keys.release(run);
    Long taken = takenAtNanos.remove(run.runId());
    Duration duration = taken == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - taken);
    listener.runEnded(new EndedRun(run.action(), EndedRun.Kind.HANDED_OFF, result, duration));
  }

  private static Completion answer(Ended ended) {
    return answer(ended, ended.how() == How.EXPIRED ? Kind.PAST_DEADLINE : Kind.ALREADY_FINISHED);
  }

  private static Completion answer(Ended ended, Kind kind) {
    HandedOffRun run = ended.run();
    String what = "run " + run.runId() + " (" + run.externalRunId() + ")";
    String message =
        switch (kind) {
          case COMPLETED -> what + " ended " + ended.status();
          case PAST_DEADLINE ->
              what
                  + " ended FAILURE at its deadline "
                  + run.deadline()
                  + " with no completion: this one came too late and changed nothing";
          default -> what + " had already ended " + ended.status() + ": nothing changed";
        };
    return new Completion(kind, run.runId(), message);
  }

  private boolean expireIfDue(String runId) {
    HandedOffRun run = pending.claimIfDue(runId, clock.instant());
    if (run == null) {
      return false;
    }
    expire(run);
    return true;
  }

  private void expire(HandedOffRun run) {
    String endedElsewhere = reporter.endedInPort(run.runId());
    if (endedElsewhere != null) {
      log.info("run {} was ended {} elsewhere before its deadline", run.runId(), endedElsewhere);
      ended(run, How.ENDED_ELSEWHERE, endedElsewhere, Kind.ALREADY_FINISHED);
      return;
    }
    try {
      reporter.expire(run);
    } catch (RunAlreadyFinishedException e) {
      ended(run, How.ENDED_ELSEWHERE, e.finalStatus().name(), Kind.ALREADY_FINISHED);
      return;
    } catch (PortException e) {
      if (!e.isRetryable()) {
        // Port refuses for good (the run is gone, for example): waiting longer cannot help.
        log.error(
            "run {}: no completion by its deadline {}, and Port refused its FAILURE ({}); set its"
                + " status by hand if it still shows IN_PROGRESS",
            run.runId(),
            run.deadline(),
            e.getMessage());
        ended(run, How.EXPIRED, "UNREPORTED", Kind.PAST_DEADLINE);
        return;
      }
      retryExpiry(run, e);
      return;
    } catch (RuntimeException e) {
      retryExpiry(run, e);
      return;
    }
    log.warn(
        "run {}: no completion from {} ({}) by {}: reported FAILURE",
        run.runId(),
        run.expectedFrom(),
        run.externalRunId(),
        run.deadline());
    ended(run, How.EXPIRED, "FAILURE", Kind.PAST_DEADLINE);
  }

  private void retryExpiry(HandedOffRun run, RuntimeException e) {
    log.error(
        "run {}: no completion by its deadline {}, and reporting FAILURE failed ({}); trying"
            + " again in {}",
        run.runId(),
        run.deadline(),
        e.toString(),
        Ending.human(RETRY));
    pending.add(run);
    deadlines.retry(run.runId(), run.deadline(), RETRY);
  }

  private void journalFinish(String runId, String status) {
    if (journal == null) {
      return;
    }
    try {
      journal.finish(runId, status);
    } catch (JournalException | IllegalStateException e) {
      log.error(
          "run {} ended {} but the journal could not record it ({}); the next start awaits it"
              + " again and finds it ended in Port at its deadline",
          runId,
          status,
          e.getMessage());
    }
  }
}
