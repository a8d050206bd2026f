package io.portkit.backend.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.invocation.PortHeaders;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.JournalException;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.RunContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the runs a journal holds as unfinished when the dispatcher starts: a run accepted into the
 * queue and never started is queued again, in journal order (so runs with one concurrency key keep
 * their order); a started run of a resumable handler is run again; any other started asynchronous
 * run is reported FAILURE, label {@code "backend restarted"}; a synchronized one is only marked
 * finished, since Port already failed it when its connection dropped. Each run is marked finished
 * in the journal only after it was reported, so a crash during recovery leaves it for the next
 * start (recovery is idempotent).
 */
final class JournalRecovery {
  private static final Logger log = LoggerFactory.getLogger(JournalRecovery.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RunInvocationParser PARSER = new RunInvocationParser();

  private final Routes routes;
  private final RunContextFactory contexts;
  private final UnaryOperator<RunInvocation> prepare;
  private final Clock clock;

  /**
   * {@code prepare} gives each recovered invocation the dispatcher's details loader and secrets;
   * {@code clock} tells how long a queued run has waited since it was accepted.
   */
  JournalRecovery(
      Routes routes,
      RunContextFactory contexts,
      UnaryOperator<RunInvocation> prepare,
      Clock clock) {
    this.routes = routes;
    this.contexts = contexts;
    this.prepare = prepare;
    this.clock = clock;
  }

  /** Hands each unfinished run to {@code start}, which runs and settles it like a new one. */
  void recover(RunJournal journal, Consumer<ActiveRun> start) {
    List<JournalEntry> left = journal.unfinished();
    if (left.isEmpty()) {
      return;
    }
    log.warn(
        "journal holds {} run(s) the last process did not finish: queueing again those that never"
            + " started, ending or resuming the others",
        left.size());
    for (JournalEntry entry : left) {
      Route route = routes.named(entry.action());
      if (route != null && route.sync()) {
        log.warn(
            "run {} of synchronized action {} was cut off by a restart; Port failed it when the"
                + " connection dropped",
            entry.runId(),
            entry.action());
        finishQuietly(journal, entry.runId(), "ABANDONED");
        continue;
      }
      boolean queued = route != null && !entry.started();
      boolean resume = route != null && route.resumable();
      log.warn(
          "run {} ({}) was left unfinished: {}",
          entry.runId(),
          Routes.DEFAULT.equals(entry.action()) ? "default handler" : "action " + entry.action(),
          queued
              ? "queueing it again (it never started)"
              : resume ? "running it again (resumable)" : "reporting FAILURE (backend restarted)");
      Route chosen = queued || resume ? route : Route.ending(entry.action(), Ending.restarted());
      RunContext ctx = contexts.create(entry.runId(), RunContext.Mode.ASYNC);
      ActiveRun run = ActiveRun.of(invocation(entry), chosen, ctx);
      if (queued && entry.acceptedAt() != null) {
        // Its wait began at acceptance, before the restart, and still counts against its timeout.
        Duration waited = Duration.between(entry.acceptedAt(), clock.instant());
        run.waitedBefore(waited.isNegative() ? Duration.ZERO : waited);
      }
      start.accept(run);
    }
  }

  private RunInvocation invocation(JournalEntry entry) {
    RunInvocation run;
    try {
      run =
          PARSER.parse(
              RequestHeaders.of(PortHeaders.RUN_ID, entry.runId()),
              MAPPER.writeValueAsBytes(entry.body()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "journaled body of run " + entry.runId() + " cannot be written", e);
    }
    return prepare.apply(run);
  }

  private static void finishQuietly(RunJournal journal, String runId, String status) {
    try {
      journal.finish(runId, status);
    } catch (JournalException e) {
      log.error("run {}: the journal could not record its end ({})", runId, e.getMessage());
    }
  }
}
