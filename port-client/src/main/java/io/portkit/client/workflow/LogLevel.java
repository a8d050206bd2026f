package io.portkit.client.workflow;

/** The levels of a workflow node run's log line. */
public enum LogLevel {
  /** Detail for debugging. */
  DEBUG,
  /** Progress. */
  INFO,
  /** Something to look at; the node goes on. */
  WARN,
  /** A failure. */
  ERROR
}
