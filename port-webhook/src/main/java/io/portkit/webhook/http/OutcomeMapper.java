package io.portkit.webhook.http;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.DispatchOutcome.SyncResult;
import io.portkit.client.run.FinalStatus;
import java.util.Map;

/**
 * Maps the core's transport-neutral {@link DispatchOutcome} to the HTTP answer Port gets, and to
 * the label of the per-delivery log line. Stateless.
 *
 * <p>Port's webhook invoker reads 2xx as "delivered"; for a synchronized action it also sets the
 * run's status from the code (2xx SUCCESS, anything else FAILURE), so each ending gets the code
 * that says what happened: 422 the handler failed the run, 500 it threw, 504 it timed out, 503 the
 * backend shut down or restarted, 404 no handler. A refusal is 404 when retrying cannot help (no
 * handler) and 503 when it can.
 */
final class OutcomeMapper {
  private OutcomeMapper() {}

  static WebhookResponse toResponse(String runId, DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.Accepted) {
      return Responses.ok(202, runId, "accepted");
    }
    if (outcome instanceof DispatchOutcome.Duplicate) {
      return Responses.ok(200, runId, "duplicate");
    }
    if (outcome instanceof DispatchOutcome.Completed c) {
      if (c.result().status() == FinalStatus.SUCCESS && c.result().output() != null) {
        // A synchronized workflow node: Port keeps the answer's body as output.response.data.
        return Responses.json(200, c.result().output(), Map.of());
      }
      return Responses.json(httpStatus(c.result()), c.result().toJson(runId), Map.of());
    }
    if (outcome instanceof DispatchOutcome.Saturated s) {
      return Responses.error(503, "saturated", s.message());
    }
    DispatchOutcome.Rejected r = (DispatchOutcome.Rejected) outcome;
    return Responses.error(httpStatus(r.reason()), r.reason().code(), r.message());
  }

  static String label(DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.Accepted) {
      return "accepted";
    }
    if (outcome instanceof DispatchOutcome.Duplicate) {
      return "duplicate";
    }
    if (outcome instanceof DispatchOutcome.Completed c) {
      return "completed:" + httpStatus(c.result());
    }
    if (outcome instanceof DispatchOutcome.Saturated) {
      return "saturated";
    }
    return "rejected:" + ((DispatchOutcome.Rejected) outcome).reason().code();
  }

  /** Returns the HTTP status that gives Port a synchronized run's result. */
  static int httpStatus(SyncResult result) {
    if (result.status() == FinalStatus.SUCCESS) {
      return 200;
    }
    return switch (result.cause()) {
      case HANDLER_ENDED, INVALID_INPUTS -> 422;
      case HANDLER_ERROR -> 500;
      case TIMEOUT -> 504;
      case SHUTDOWN, RESTARTED -> 503;
      case NO_HANDLER -> 404;
    };
  }

  /** Returns the HTTP status of a refusal: 404 when delivering again cannot help, else 503. */
  static int httpStatus(DispatchOutcome.Reason reason) {
    return reason.isRetryable() ? 503 : 404;
  }
}
