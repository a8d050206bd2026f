package io.portkit.client.run;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Port's action-run routes. Every call sends {@code version=v2} where Port accepts it.
 *
 * <p>Implementations are thread-safe. Every method throws {@link
 * io.portkit.client.PortApiException} for a non-2xx answer and {@link
 * io.portkit.client.PortTransportException} when Port could not be reached.
 */
public interface RunsApi {
  /** Returns the run {@code runId} ({@code GET /v1/actions/runs/{id}?version=v2}). */
  ActionRun get(String runId);

  /**
   * Patches the run ({@code PATCH /v1/actions/runs/{id}?version=v2}); null fields are omitted and
   * {@code links} replace the run's links.
   *
   * @return the run after the update
   * @throws RunSynchronizedException if Port refuses a status change because the action is
   *     synchronized
   */
  ActionRun update(String runId, RunUpdate update);

  /** Appends a log line ({@code POST /v1/actions/runs/{id}/logs}, answered 201). */
  RunLogEntry addLog(String runId, RunLog log);

  /**
   * Returns a page of the run's log lines.
   *
   * @param limit 1 to 50
   * @param offset lines to skip, at least 0
   */
  List<RunLogEntry> logs(String runId, int limit, int offset);

  /** Returns the runs matching {@code query} ({@code GET /v1/actions/runs?version=v2}). */
  List<ActionRun> list(RunQuery query);

  /**
   * Starts a run of an action ({@code POST /v1/actions/{id}/runs}, answered 202). Never retried
   * once the request may have reached Port, so a run is not started twice.
   *
   * @param properties the user inputs; values are serialised with the client's mapper
   * @param entity the entity identifier for day-2 and delete actions, or null
   */
  ActionRun create(String actionIdentifier, Map<String, ?> properties, @Nullable String entity);
}
