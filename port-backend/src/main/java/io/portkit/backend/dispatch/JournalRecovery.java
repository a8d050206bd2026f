package io.portkit.backend.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.invocation.PortHeaders;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunDetailsLoader;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.journal.JournalEntry;
import io.portkit.backend.journal.JournalException;
import io.portkit.backend.journal.RunJournal;
import io.portkit.client.run.RunContext;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the runs a journal holds as unfinished when the dispatcher starts: a run of a resumable
 * handler is run again; any other asynchronous run is reported FAILURE, label {@code "backend
 * restarted"}; a synchronized one is only marked finished, since Port already failed it when its
 * connection dropped. Each run is marked finished in the journal only after it was reported, so a
 * crash during recovery leaves it for the next start (recovery is idempotent).
 */
final class JournalRecovery {
  private static final Logger log = LoggerFactory.getLogger(JournalRecovery.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RunInvocationParser PARSER = new RunInvocationParser();

  private final Routes routes;
  private final RunContextFactory contexts;
  private final RunDetailsLoader detailsLoader;

  JournalRecovery(Routes routes, RunContextFactory contexts, RunDetailsLoader detailsLoader) {
    this.routes = routes;
    this.contexts = contexts;
    this.detailsLoader = detailsLoader;
  }

  /** Hands each unfinished run to {@code start}, which runs and settles it like a new one. */
  void recover(RunJournal journal, Consumer<ActiveRun> start) {
    List<JournalEntry> left = journal.unfinished();
    if (left.isEmpty()) {
      return;
    }
    log.warn("journal holds {} run(s) the last process did not finish: ending them", left.size());
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
      boolean resume = route != null && route.resumable();
      log.warn(
          "run {} of action {} was left unfinished: {}",
          entry.runId(),
          entry.action(),
          resume ? "running it again (resumable)" : "reporting FAILURE (backend restarted)");
      Route chosen = resume ? route : Route.ending(entry.action(), Ending.restarted());
      RunContext ctx = contexts.create(entry.runId(), RunContext.Mode.ASYNC);
      start.accept(new ActiveRun(invocation(entry), chosen, ctx));
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
    return detailsLoader == null ? run : run.withDetailsLoader(detailsLoader);
  }

  private static void finishQuietly(RunJournal journal, String runId, String status) {
    try {
      journal.finish(runId, status);
    } catch (JournalException e) {
      log.error("run {}: the journal could not record its end ({})", runId, e.getMessage());
    }
  }
}
