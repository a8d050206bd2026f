package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;

/**
 * Something that takes runs from outside the application's own server and hands them to the
 * backend, started and stopped with the application: the Kafka consumer. The webhook route needs
 * none (the server is the intake).
 */
@FunctionalInterface
public interface PortkitIntake {
  /**
   * Starts taking runs for {@code backend}.
   *
   * @return what stops it; closed before the backend drains its runs
   */
  AutoCloseable start(PortBackend backend);
}
