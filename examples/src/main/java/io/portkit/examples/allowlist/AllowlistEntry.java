package io.portkit.examples.allowlist;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One temporary entry of the allowlist, as persisted in the state file.
 *
 * @param identifier a stable id derived from the range and the run id; never null
 * @param range the allowed address or range in canonical form ({@link IpRange#toString()}); never
 *     null
 * @param runId the run that granted it; never null
 * @param grantedAt when it was granted; never null
 * @param expiresAt when it is to be removed; never null, after {@code grantedAt}
 */
public record AllowlistEntry(
    String identifier, String range, String runId, Instant grantedAt, Instant expiresAt) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public AllowlistEntry {
    requireNonNull(identifier, "identifier == null");
    requireNonNull(range, "range == null");
    requireNonNull(runId, "runId == null");
    requireNonNull(grantedAt, "grantedAt == null");
    requireNonNull(expiresAt, "expiresAt == null");
  }

  /**
   * Returns whether this entry is due for removal at {@code now}.
   *
   * @param now the current time; never null
   * @return true when {@code now} is at or after {@link #expiresAt()}
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
