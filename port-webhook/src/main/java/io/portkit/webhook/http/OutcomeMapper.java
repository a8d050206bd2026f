package io.portkit.webhook.http;

import java.util.Map;

/** Maps a {@link DispatchOutcome} to its HTTP response and log label. Stateless. */
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
      return Responses.json(c.status(), c.body(), Map.of());
    }
    if (outcome instanceof DispatchOutcome.Saturated s) {
      return Responses.error(503, "saturated", s.message());
    }
    DispatchOutcome.Rejected r = (DispatchOutcome.Rejected) outcome;
    return Responses.error(r.status(), r.error(), r.message());
  }

  static String label(DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.Accepted) {
      return "accepted";
    }
    if (outcome instanceof DispatchOutcome.Duplicate) {
      return "duplicate";
    }
    if (outcome instanceof DispatchOutcome.Completed c) {
      return "completed:" + c.status();
    }
    if (outcome instanceof DispatchOutcome.Saturated) {
      return "saturated";
    }
    return "rejected:" + ((DispatchOutcome.Rejected) outcome).error();
  }
}
