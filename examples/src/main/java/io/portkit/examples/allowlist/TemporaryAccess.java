package io.portkit.examples.allowlist;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a grant produced: everything a {@code temporary_access} entity needs.
 *
 * @param identifier the entity identifier, derived from the range and the run id; never null
 * @param ip the allowed address or range in canonical form; never null
 * @param runId the run that granted it; never null
 * @param expiresAt when the entry is removed; never null
 * @param allowlistFile the nginx snippet the entry was written to; never null
 */
public record TemporaryAccess(
    String identifier, String ip, String runId, Instant expiresAt, Path allowlistFile) {

  /** The identifier of the Port blueprint these results are meant for. */
  public static final String BLUEPRINT = "temporary_access";

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public TemporaryAccess {
    requireNonNull(identifier, "identifier == null");
    requireNonNull(ip, "ip == null");
    requireNonNull(runId, "runId == null");
    requireNonNull(expiresAt, "expiresAt == null");
    requireNonNull(allowlistFile, "allowlistFile == null");
  }

  /**
   * Returns the entity properties: {@code ip}, {@code expires_at} (ISO-8601 UTC), {@code run_id}
   * and {@code allowlist_file}, in that order.
   *
   * @return a new modifiable map of JSON-ready values
   */
  public Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("ip", ip);
    properties.put("expires_at", expiresAt.toString());
    properties.put("run_id", runId);
    properties.put("allowlist_file", allowlistFile.toString());
    return properties;
  }
}
