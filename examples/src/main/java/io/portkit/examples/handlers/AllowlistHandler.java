package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.entity.Entity;
import io.portkit.client.run.RunContext;
import io.portkit.examples.allowlist.AllowlistException;
import io.portkit.examples.allowlist.InvalidIpRangeException;
import io.portkit.examples.allowlist.TemporaryAccess;
import io.portkit.examples.allowlist.TemporaryAllowlist;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Grants temporary access to an IP address or range ({@code grant_temporary_access}): validates the
 * {@code ip} input, adds it to the allowlist for {@code duration_minutes} (default {@value
 * #DEFAULT_MINUTES}), and upserts a {@code temporary_access} entity tied to the run. An invalid
 * address or duration ends the run with FAILURE and the reason. Thread-safe.
 */
public final class AllowlistHandler implements ScenarioHandler {
  /** The input holding the address or range. */
  public static final String IP_INPUT = "ip";

  /** The input holding the duration in minutes. */
  public static final String DURATION_INPUT = "duration_minutes";

  /** The duration used when the input is absent, in minutes. */
  public static final int DEFAULT_MINUTES = 60;

  private final TemporaryAllowlist allowlist;

  /** Creates the handler granting into {@code allowlist}. */
  public AllowlistHandler(TemporaryAllowlist allowlist) {
    this.allowlist = requireNonNull(allowlist, "allowlist == null");
  }

  @Override
  public void handle(RunInvocation request, RunContext run) {
    run.statusLabel("Validating");
    String ip = text(request, IP_INPUT);
    TemporaryAccess access;
    try {
      Duration duration = Duration.ofMinutes(minutes(request.inputs().get(DURATION_INPUT)));
      access = allowlist.grant(ip, request.runId(), duration);
    } catch (InvalidIpRangeException | AllowlistException e) {
      run.log("Refused: " + e.getMessage());
      run.fail("Access not granted: " + e.getMessage());
      return;
    }
    Instant until = access.expiresAt().truncatedTo(ChronoUnit.SECONDS); // readable in Port's UI
    run.log(
        "Allowed "
            + access.ip()
            + " until "
            + until
            + " in "
            + access.allowlistFile().getFileName());
    run.statusLabel("Recording access");
    run.upsertEntity(TemporaryAccess.BLUEPRINT, entity(access));
    run.succeed("Access for " + access.ip() + " granted until " + until);
  }

  static Entity entity(TemporaryAccess access) {
    Entity.Builder builder =
        Entity.builder(access.identifier())
            .title(access.ip() + " until " + access.expiresAt().truncatedTo(ChronoUnit.SECONDS));
    access.properties().forEach(builder::property);
    return builder.build();
  }

  private static long minutes(JsonNode value) {
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return DEFAULT_MINUTES;
    }
    if (value.canConvertToLong() && value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asText().strip());
    } catch (NumberFormatException e) {
      throw new AllowlistException(
          DURATION_INPUT + " must be a whole number of minutes, got '" + value.asText() + "'");
    }
  }

  /** Returns the text input {@code name}, stripped, or null when absent or blank. */
  private static @Nullable String text(RunInvocation request, String name) {
    JsonNode value = request.inputs().get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return null;
    }
    return value.asText().strip();
  }
}
