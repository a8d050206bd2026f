package io.portkit.backend.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who or what triggered a run, read from the {@code trigger} object of Port's trigger data ({@code
 * {by{orgId,userId,user{email,...}}, origin, at, operation}}).
 *
 * <p>Immutable and thread-safe. Every accessor returns empty when the field is absent, not text, or
 * (for {@link #at()}) not an ISO-8601 instant; {@link #raw()} keeps everything Port sent.
 */
public final class RunTrigger {
  private final JsonNode raw;
  private final String operation;

  RunTrigger(JsonNode raw, String operation) {
    this.raw = Objects.requireNonNull(raw, "raw == null");
    this.operation = operation;
  }

  /** Returns the e-mail of the user who triggered the run ({@code by.user.email}). */
  public Optional<String> userEmail() {
    return RunInvocationParser.text(raw.path("by").path("user").path("email"));
  }

  /** Returns the Port user id of the triggering user ({@code by.userId}). */
  public Optional<String> userId() {
    return RunInvocationParser.text(raw.path("by").path("userId"));
  }

  /** Returns the organization id ({@code by.orgId}). */
  public Optional<String> orgId() {
    return RunInvocationParser.text(raw.path("by").path("orgId"));
  }

  /** Returns where the run came from: {@code UI}, {@code API} or {@code AUTOMATION}. */
  public Optional<String> origin() {
    return RunInvocationParser.text(raw.path("origin"));
  }

  /** Returns when the run was triggered ({@code at}). */
  public Optional<Instant> at() {
    try {
      return RunInvocationParser.text(raw.path("at")).map(Instant::parse);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the action's operation: {@code CREATE}, {@code DAY-2} or {@code DELETE}. */
  public Optional<String> operation() {
    return operation != null
        ? Optional.of(operation)
        : RunInvocationParser.text(raw.path("operation"));
  }

  /** Returns the trigger object exactly as received. */
  public JsonNode raw() {
    return raw;
  }

  /** Shows origin and operation only: the user's personal data stays out of logs. */
  @Override
  public String toString() {
    return "RunTrigger[origin="
        + origin().orElse("?")
        + ", operation="
        + operation().orElse("?")
        + "]";
  }
}
