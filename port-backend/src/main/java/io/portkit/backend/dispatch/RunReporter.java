package io.portkit.backend.dispatch;

import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.RunAlreadyFinishedException;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunSynchronizedException;
import io.portkit.client.run.RunUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a run's {@link Ending}: through Port's API for asynchronous actions, as the HTTP answer
 * for synchronized ones. Never throws and never fails silently: a report Port did not take is
 * logged at ERROR with the run id and what to do. Stateless and thread-safe.
 */
final class RunReporter {
  private static final Logger log = LoggerFactory.getLogger(RunReporter.class);

  /** Reports {@code ending}; returns whether Port has it now (or the sync answer carries it). */
  boolean report(ActiveRun run, Ending ending) {
    run.endedWith(ending.status().name());
    if (run.route().sync()) {
      // Port sets a synchronized run's status from the answer; a status PATCH would be refused.
      run.answer().complete(ending.toSyncAnswer());
      return true;
    }
    RunContext ctx = run.context();
    if (ctx.isFinished()) {
      return true;
    }
    try {
      if (ending.status() == FinalStatus.SUCCESS) {
        ctx.succeed(ending.summary());
      } else {
        RunUpdate.Builder update = RunUpdate.builder().status(FinalStatus.FAILURE);
        if (ending.label() != null) {
          update.statusLabel(ending.label());
        }
        if (ending.summary() != null) {
          update.summary(ending.summary());
        }
        ctx.update(update.build());
      }
      log.debug("run {} reported {}", run.runId(), ending.status());
      return true;
    } catch (RunAlreadyFinishedException e) {
      // The handler ended the run from another thread meanwhile: Port has a final status.
      log.debug("run {} was already finished with {}", run.runId(), e.finalStatus());
      return true;
    } catch (RunSynchronizedException e) {
      log.error(
          "run {}: action {} is synchronized, so Port refused the {} status; register its handler"
              + " with sync(\"{}\", ...) so the result goes in the HTTP answer",
          run.runId(),
          actionOf(run),
          ending.status(),
          actionOf(run));
      return false;
    } catch (RuntimeException e) {
      log.error(
          "run {}: reporting {} to Port failed ({}); the run may stay IN_PROGRESS in Port: set its"
              + " status by hand (PATCH /v1/actions/runs/{} with status {}) once Port is reachable",
          run.runId(),
          ending.status(),
          e.toString(),
          run.runId(),
          ending.status());
      return false;
    }
  }

  private static String actionOf(ActiveRun run) {
    return run.invocation().actionIdentifier().orElse(run.route().action());
  }
}
