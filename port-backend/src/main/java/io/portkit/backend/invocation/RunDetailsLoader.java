package io.portkit.backend.invocation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fetches a run's details from Port (the {@code run} object of {@code GET
 * /v1/actions/runs/{runId}}) for webhooks whose body carries little more than the run id.
 *
 * <p>The dispatcher supplies one backed by the Port API client; {@link RunInvocation#details()}
 * calls it at most once per invocation, and only when a handler asks. Implementations must be
 * thread-safe and may throw any unchecked exception, which reaches the caller of {@code details()}.
 */
@FunctionalInterface
public interface RunDetailsLoader {
  /**
   * Returns the run object for {@code runId}; never null.
   *
   * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
   */
  JsonNode load(String runId);
}
