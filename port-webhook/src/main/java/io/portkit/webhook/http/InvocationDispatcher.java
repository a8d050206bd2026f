package io.portkit.webhook.http;

import io.portkit.webhook.RunInvocation;

/**
 * The seam between webhook intake and run execution: receives each verified, parsed run and says
 * how to answer Port.
 *
 * <p>{@link WebhookEndpoint} calls it once per delivery on the host's request thread, after
 * verification and parsing succeeded. An implementation that runs work asynchronously returns
 * {@link DispatchOutcome#accepted()} quickly; one serving a synchronized action runs the handler
 * and returns {@link DispatchOutcome#completed(int, com.fasterxml.jackson.databind.JsonNode)}.
 *
 * <p>Implementations must be thread-safe: deliveries arrive concurrently. Any exception thrown is
 * treated as a bug: the endpoint logs it and answers 500 with a generic body.
 */
@FunctionalInterface
public interface InvocationDispatcher {
  /**
   * Takes responsibility for {@code invocation} and returns the answer for Port.
   *
   * @return never null
   */
  DispatchOutcome dispatch(RunInvocation invocation);
}
