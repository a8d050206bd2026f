package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.DeferredWriteException;
import io.portkit.client.run.FinalStatus;
import io.portkit.client.run.HandOff;
import io.portkit.client.run.RunAlreadyFinishedException;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunSynchronizedException;
import io.portkit.client.run.RunUpdate;
import io.portkit.client.workflow.LogLevel;
import io.portkit.client.workflow.NodeRunContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a run's {@link Ending}: through Port's API for asynchronous actions, as the HTTP answer
 * for synchronized ones. Never throws and never fails silently: a report Port did not take is
 * logged at ERROR with the run id and what to do. A handler that returned after handing its run off
 * ({@link RunContext#handOff}) is not reported: the run goes to the {@link HandOffs}. Thread-safe.
 */
final class RunReporter {
  private static final Logger log = LoggerFactory.getLogger(RunReporter.class);

  private final @Nullable HandOffs handOffs;

  RunReporter(@Nullable HandOffs handOffs) {
    this.handOffs = handOffs;
  }

  /**
   * Reports {@code ending}; returns whether Port has it now (or the sync answer carries it, or the
   * run was handed off and {@link HandOffs} owns it).
   */
  boolean report(ActiveRun run, Ending ending) {
    if (ending.status() == FinalStatus.SUCCESS && handOffs != null && !run.route().sync()) {
      Optional<HandOff> handOff = run.context().handedOff();
      if (handOff.isPresent() && !run.context().isFinished()) {
        flushQuietly(run); // writes made after the hand-off go out before HandOffs owns the run
        String refused = handOffs.take(run, handOff.get());
        if (refused == null) {
          run.markHandedOff(); // not ended: HandOffs ends it, and journals that
          return true;
        }
        ending = Ending.handOffRefused(refused);
      }
    }
    if (run.route().sync()) {
      // Port sets a synchronized run's status from the answer, which ends the run: what the
      // context still holds must reach Port first (ADR 0223).
      ending = flushBeforeAnswer(run, ending);
      run.endedWith(ending);
      // A status PATCH would be refused.
      run.answer().complete(ending.toSyncAnswer(syncOutput(run.context(), ending)));
      return true;
    }
    run.endedWith(ending);
    RunContext ctx = run.context();
    if (ctx.isFinished()) {
      return true;
    }
    try {
      try {
        sendFinal(ctx, ending); // carries whatever the context still holds (ADR 0222)
      } catch (DeferredWriteException e) {
        // Thrown once: the handler's held write was refused after it returned. Without coalescing
        // its call would have thrown and failed the run, so it fails it now.
        ending = ending.status() == FinalStatus.SUCCESS ? Ending.handlerError(e) : ending;
        log.warn("run {}: {}; reporting {}", run.runId(), e.getMessage(), ending.status());
        run.endedWith(ending);
        sendFinal(ctx, ending);
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

  private static void sendFinal(RunContext ctx, Ending ending) {
    if (ending.status() == FinalStatus.SUCCESS) {
      ctx.succeed(ending.summary());
      return;
    }
    RunUpdate.Builder update = RunUpdate.builder().status(FinalStatus.FAILURE);
    if (ending.label() != null) {
      update.statusLabel(ending.label());
    }
    if (ending.summary() != null) {
      update.summary(ending.summary());
    }
    ctx.update(update.build());
  }

  /**
   * Sends what the context of a synchronized run still holds; a refused held write turns a success
   * into the failure its call would have caused. The answer is given whatever happens here.
   */
  private static Ending flushBeforeAnswer(ActiveRun run, Ending ending) {
    try {
      run.context().flush();
    } catch (DeferredWriteException e) {
      Ending failed = ending.status() == FinalStatus.SUCCESS ? Ending.handlerError(e) : ending;
      log.warn("run {}: {}; answering {}", run.runId(), e.getMessage(), failed.status());
      return failed;
    } catch (RuntimeException e) {
      log.warn(
          "run {}: the writes held for coalescing did not reach Port before the answer ({})",
          run.runId(),
          e.toString());
    }
    return ending;
  }

  private static void flushQuietly(ActiveRun run) {
    try {
      run.context().flush();
    } catch (RuntimeException e) {
      log.warn(
          "run {}: the writes held for coalescing did not reach Port before the hand-off ({})",
          run.runId(),
          e.toString());
    }
  }

  /**
   * A synchronized workflow node answers with its output; a failed one also gets the reason as an
   * ERROR log line, since its answer is all Port keeps otherwise.
   */
  private static @Nullable ObjectNode syncOutput(RunContext ctx, Ending ending) {
    if (!(ctx instanceof NodeRunContext node)) {
      return null;
    }
    if (ending.status() == FinalStatus.SUCCESS) {
      return node.output();
    }
    String reason = ending.summary() != null ? ending.summary() : ending.label();
    if (reason != null && !ctx.isFinished()) {
      try {
        node.log(LogLevel.ERROR, reason);
      } catch (RuntimeException e) {
        log.debug(
            "run {}: the reason of its failure was not logged ({})", ctx.runId(), e.toString());
      }
    }
    return null;
  }

  private static String actionOf(ActiveRun run) {
    return run.invocation().actionIdentifier().orElse(run.route().action());
  }
}
