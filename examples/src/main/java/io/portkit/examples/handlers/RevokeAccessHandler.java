package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.dispatch.AutomationHandler;
import io.portkit.backend.invocation.AutomationEvent;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortApiException;
import io.portkit.client.PortException;
import io.portkit.client.run.RunContext;
import io.portkit.examples.allowlist.AllowlistEntry;
import io.portkit.examples.allowlist.AllowlistException;
import io.portkit.examples.allowlist.TemporaryAccess;
import io.portkit.examples.allowlist.TemporaryAllowlist;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Revokes temporary access when Port says its timer expired: the automation {@code
 * revoke_temporary_access} ({@code TIMER_PROPERTY_EXPIRED} on {@code temporary_access}'s {@code
 * expires_at}). Removes the address from the allowlist and deletes the entity.
 *
 * <pre>{@code
 * PortBackend.builder()...
 *     .automation(DemoCatalog.REVOKE_TEMPORARY_ACCESS, new RevokeAccessHandler(allowlist))
 * }</pre>
 *
 * <p>The local {@link io.portkit.examples.allowlist.AllowlistExpiryScheduler} stays as the fallback
 * for an event the backend missed (it was down when the timer fired). Both paths remove through one
 * compare-and-remove under the allowlist's lock ({@link TemporaryAllowlist#revoke}, {@link
 * TemporaryAllowlist#expireDue(java.time.Duration)}), so an address is revoked once: when this
 * handler comes second it finds nothing, says so in one run log line and still succeeds, and an
 * entity already deleted is not an error.
 *
 * <p>No loop: deleting the entity fires no timer, and the handler never writes {@code expires_at},
 * which would arm the timer again. It is also a {@link ScenarioHandler}, for the CLI's router.
 * Thread-safe.
 */
public final class RevokeAccessHandler implements AutomationHandler, ScenarioHandler {
  private final TemporaryAllowlist allowlist;

  /** Creates the handler revoking from {@code allowlist}. */
  public RevokeAccessHandler(TemporaryAllowlist allowlist) {
    this.allowlist = requireNonNull(allowlist, "allowlist == null");
  }

  /** Reads the run's event and handles it; a run without one fails saying how to send it. */
  @Override
  public void handle(RunInvocation request, RunContext run) {
    Optional<AutomationEvent> event = request.event();
    if (event.isEmpty()) {
      run.fail(
          "Not revoked: run "
              + request.runId()
              + " carries no event: add \"event\": \"{{ .event }}\" to the automation's"
              + " invocationMethod.body (portkit's recommended body has it)");
      return;
    }
    handle(event.get(), request, run);
  }

  /**
   * Revokes the access the event's entity records; any other event ends the run with FAILURE.
   *
   * @throws PortException if the entity cannot be deleted for another reason than being gone
   *     already; the address is revoked by then
   */
  @Override
  public void handle(AutomationEvent event, RunInvocation run, RunContext ctx) {
    Optional<String> entity = event.entityIdentifier();
    if (event.kind() != AutomationEvent.Kind.TIMER_PROPERTY_EXPIRED
        || !TemporaryAccess.BLUEPRINT.equals(event.blueprintIdentifier().orElse(""))
        || entity.isEmpty()) {
      ctx.fail(
          "Not revoked: expected the timer expiry of a "
              + TemporaryAccess.BLUEPRINT
              + " entity, got "
              + event);
      return;
    }
    String identifier = entity.get();
    ctx.statusLabel("Revoking");
    Optional<AllowlistEntry> removed;
    try {
      removed = allowlist.revoke(identifier);
    } catch (AllowlistException e) {
      // The entry stays, so the local expiry removes it later.
      ctx.fail("Access not revoked: " + e.getMessage());
      return;
    }
    String file = allowlist.snippetFile().getFileName().toString();
    String ip = removed.map(AllowlistEntry::range).or(() -> ipOf(event)).orElse(identifier);
    if (removed.isPresent()) {
      ctx.log(
          "Removed "
              + ip
              + " from "
              + file
              + ": its timer expired at "
              + removed.get().expiresAt().truncatedTo(ChronoUnit.SECONDS));
    } else {
      ctx.log(
          ip
              + " was no longer in "
              + file
              + ": already revoked by the local expiry (or an earlier run); nothing to remove");
    }
    deleteEntity(ctx, identifier, ip);
    ctx.succeed(
        removed.isPresent()
            ? "Access for " + ip + " revoked"
            : "Access for " + ip + " was already revoked");
  }

  private static void deleteEntity(RunContext ctx, String identifier, String ip) {
    try {
      ctx.deleteEntity(TemporaryAccess.BLUEPRINT, identifier);
    } catch (PortException e) {
      if (e instanceof PortApiException api && api.statusCode() == 404) {
        return; // gone already: the fallback (or a person) deleted it; nothing more to say
      }
      ctx.log(
          "Access for "
              + ip
              + " revoked, but entity "
              + identifier
              + " was not deleted: "
              + e.getMessage());
      throw e;
    }
  }

  private static Optional<String> ipOf(AutomationEvent event) {
    return event
        .diff()
        .after()
        .map(after -> after.path("properties").path("ip"))
        .filter(ip -> ip.isTextual() && !ip.textValue().isBlank())
        .map(JsonNode::textValue);
  }
}
