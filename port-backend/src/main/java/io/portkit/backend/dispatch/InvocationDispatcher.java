package io.portkit.backend.dispatch;

import io.portkit.backend.invocation.RunInvocation;

/**
 * The seam between a transport and run execution: receives each verified, parsed run and says what
 * became of it, in terms every transport can map to its own wire.
 *
 * <p>An adapter (the webhook endpoint, the Kafka consumer) calls it once per delivery on its own
 * thread, after verification and parsing succeeded. An implementation that runs work asynchronously
 * returns {@link DispatchOutcome#accepted()} quickly; one serving a synchronized action runs the
 * handler and returns {@link DispatchOutcome#completed(DispatchOutcome.SyncResult)}.
 *
 * <p>Implementations must be thread-safe: deliveries arrive concurrently. Any exception thrown is
 * treated as a bug: adapters log it and refuse the delivery with a generic answer.
 */
@FunctionalInterface
public interface InvocationDispatcher {
  /**
   * Takes responsibility for {@code invocation} and returns what became of it.
   *
   * @return never null
   */
  DispatchOutcome dispatch(RunInvocation invocation);
}
