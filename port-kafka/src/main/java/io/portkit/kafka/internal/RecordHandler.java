package io.portkit.kafka.internal;

import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.IntakeRejection;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortClient;
import io.portkit.client.PortException;
import io.portkit.client.run.RunStatus;
import io.portkit.kafka.RunMessage;
import io.portkit.kafka.RunMessageReader;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides what one Kafka message means for its offset: verify and filter it, skip a run Port
 * already finished, hand the rest to the dispatcher, and map the outcome to commit or retry.
 *
 * <p>Thread-safe if the reader, dispatcher and client are (they are).
 */
public final class RecordHandler {
  private static final Logger log = LoggerFactory.getLogger(RecordHandler.class);

  /** What to do with the message's offset. */
  public enum Decision {
    /** The message is settled (taken, duplicate or skipped): its offset may be committed. */
    COMMIT,
    /** Nothing was started and it should be tried again later: do not commit, re-read it. */
    RETRY
  }

  private final RunMessageReader reader;
  private final InvocationDispatcher dispatcher;
  private final PortClient client;

  /**
   * Creates a handler.
   *
   * @param client when non-null, each run is first looked up in Port and skipped if it already
   *     ended (a redelivery after another consumer finished it)
   */
  public RecordHandler(
      RunMessageReader reader, InvocationDispatcher dispatcher, PortClient client) {
    this.reader = Objects.requireNonNull(reader, "reader == null");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
    this.client = client;
  }

  /**
   * Handles one message.
   *
   * @param where {@code topic-partition@offset}, for log lines
   */
  public Decision handle(String where, byte[] value) {
    RunMessage message = reader.read(value);
    if (message instanceof RunMessage.Skipped skipped) {
      log.warn("message {} skipped ({}): {}", where, skipped.reason(), skipped.detail());
      if (skipped.reason() == RunMessage.SkipReason.MALFORMED
          && dispatcher instanceof PortBackend backend) {
        backend.listener().intakeRejected(IntakeRejection.BODY);
      }
      return Decision.COMMIT;
    }
    RunInvocation run = ((RunMessage.Run) message).invocation();
    // The run's id and action are in the MDC of the consumer's thread while it is handed over.
    String previousRunId = MDC.get(RunDispatcher.MDC_RUN_ID);
    String previousAction = MDC.get(RunDispatcher.MDC_ACTION);
    MDC.put(RunDispatcher.MDC_RUN_ID, run.runId());
    run.actionIdentifier().ifPresent(a -> MDC.put(RunDispatcher.MDC_ACTION, a));
    try {
      return handle(where, run);
    } finally {
      restore(RunDispatcher.MDC_RUN_ID, previousRunId);
      restore(RunDispatcher.MDC_ACTION, previousAction);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  private Decision handle(String where, RunInvocation run) {
    if (endedInPort(run.runId())) {
      log.info("run {} from {} already ended in Port: not executed again", run.runId(), where);
      return Decision.COMMIT;
    }
    return decide(where, run.runId(), dispatcher.dispatch(run));
  }

  private Decision decide(String where, String runId, DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.Accepted) {
      log.debug("run {} from {} accepted", runId, where);
      return Decision.COMMIT;
    }
    if (outcome instanceof DispatchOutcome.Duplicate) {
      log.info(
          "run {} from {} is a redelivery of a run already taken: not executed twice",
          runId,
          where);
      return Decision.COMMIT;
    }
    if (outcome instanceof DispatchOutcome.Completed completed && NodeRunReports.isNodeRun(runId)) {
      // A synchronized workflow node over Kafka: report as Port's agent does for such a node.
      NodeRunReports.report(client, runId, completed.result());
      return Decision.COMMIT;
    }
    if (outcome instanceof DispatchOutcome.Completed completed) {
      log.error(
          "run {}: its action is registered with sync(); over Kafka nobody reads the answer ({}),"
              + " so Port never learns the result: register the action with handle()",
          runId,
          completed.result().status());
      return Decision.COMMIT;
    }
    if (outcome instanceof DispatchOutcome.Saturated saturated) {
      log.info("run {} from {} not started, will retry: {}", runId, where, saturated.message());
      return Decision.RETRY;
    }
    DispatchOutcome.Rejected rejected = (DispatchOutcome.Rejected) outcome;
    if (rejected.reason().isRetryable()) {
      log.info(
          "run {} from {} not started ({}), will retry: {}",
          runId,
          where,
          rejected.reason().code(),
          rejected.message());
      return Decision.RETRY;
    }
    log.warn(
        "run {} from {} refused ({}): {}",
        runId,
        where,
        rejected.reason().code(),
        rejected.message());
    return Decision.COMMIT;
  }

  private boolean endedInPort(String runId) {
    if (client == null || NodeRunReports.isNodeRun(runId)) {
      return false; // Port has no route that reads one workflow node run
    }
    try {
      RunStatus status = client.runs().get(runId).status();
      return status.isTerminal();
    } catch (PortException e) {
      // Port unreachable is not a reason to drop the run: the dispatcher's own memory still
      // dedupes.
      log.warn(
          "run {}: could not check its status in Port ({}); dispatching it", runId, e.toString());
      return false;
    }
  }
}
