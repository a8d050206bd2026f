package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.InputBindingException;
import io.portkit.client.run.RunOutcome;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one handler on an executor thread and settles its run, unless someone settled it first. */
final class RunTask implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(RunTask.class);

  private final ActiveRun run;
  private final RunReporter reporter;
  private final Consumer<ActiveRun> done;

  RunTask(ActiveRun run, RunReporter reporter, Consumer<ActiveRun> done) {
    this.run = run;
    this.reporter = reporter;
    this.done = done;
  }

  @Override
  public void run() {
    if (!run.enter()) {
      return; // settled (timeout or shutdown) before it started: whoever claimed it reported
    }
    // The run's id and action are in the MDC for the handler's own log lines and ours.
    RunMdc mdc = RunMdc.of(run);
    try {
      execute();
    } finally {
      mdc.close();
    }
  }

  private void execute() {
    Throwable error = null;
    try {
      run.route().handler().handle(run.invocation(), run.context());
    } catch (Throwable t) { // any failure of user code ends the run with FAILURE
      error = t;
    } finally {
      run.exit();
    }
    if (!run.claim()) {
      // The timeout or the shutdown settled the run and interrupted this handler, which usually
      // ends in an InterruptedException: the designed path, already logged as one line there.
      log.debug(
          "run {}: handler ended after the run was settled ({})",
          run.runId(),
          error == null ? "returned" : error.toString());
    } else {
      if (error instanceof InputBindingException invalid) {
        // The person who ran the action made the mistake: one line, no stack trace.
        log.warn("run {}: {}: reporting FAILURE", run.runId(), invalid.getMessage());
      } else if (error != null && !(error instanceof EndingException)) {
        log.warn("run {}: handler threw", run.runId(), error);
      }
      try {
        reporter.report(run, ending(error));
      } finally {
        done.accept(run);
      }
    }
    if (error instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  private Ending ending(Throwable error) {
    Optional<RunOutcome> outcome = run.context().outcome();
    if (outcome.isPresent()) {
      return Ending.of(outcome.get());
    }
    if (error == null) {
      return Ending.success(null, null);
    }
    if (error instanceof EndingException e) {
      return e.ending();
    }
    if (error instanceof InputBindingException e) {
      return Ending.invalidInputs(e);
    }
    return Ending.handlerError(error);
  }
}
