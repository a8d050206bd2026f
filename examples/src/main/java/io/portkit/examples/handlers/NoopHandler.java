package io.portkit.examples.handlers;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.run.RunContext;

/**
 * Finishes every run at once with SUCCESS: the smallest backend, for checking that Port reaches the
 * receiver ({@code serve --handler noop}). Stateless and thread-safe.
 */
public final class NoopHandler implements ScenarioHandler {

  /** The summary every run ends with. */
  public static final String SUMMARY = "Received by portkit (noop handler): nothing else to do";

  /** Creates the handler. */
  public NoopHandler() {}

  @Override
  public void handle(RunInvocation request, RunContext run) {
    run.succeed(SUMMARY);
  }
}
