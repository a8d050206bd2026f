package io.portkit.backend.dispatch;

import io.portkit.client.run.RunContext;

/**
 * Creates the {@link RunContext} a handler reports through. {@code PortClient::runContext} is the
 * usual implementation; {@link RunDispatcher.Builder#client} sets it.
 *
 * <p>Implementations must be thread-safe and cheap: the dispatcher calls this once per run on the
 * request thread, and it must not call Port.
 */
@FunctionalInterface
public interface RunContextFactory {
  /**
   * Returns a reporter for {@code runId}.
   *
   * @param runId the run id, for example {@code r_QOz6WoOB1Q2lmhZZ}
   * @param mode {@link RunContext.Mode#SYNCHRONIZED} for handlers registered with {@link
   *     RunDispatcher.Builder#sync}, otherwise {@link RunContext.Mode#ASYNC}
   */
  RunContext create(String runId, RunContext.Mode mode);
}
