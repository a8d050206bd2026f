package io.portkit.backend.dispatch;

/** Where a run is in its {@link RunScheduler}; each state counts against one of its bounds. */
enum QueuePlace {
  /** Not scheduled, or no longer. */
  NONE,
  /** Holds a handler slot: starting, running or being reported. */
  EXECUTING,
  /**
   * Reserved a place in the queue for a slot; not yet committed (its journal write is going on).
   */
  RESERVED_READY,
  /** Reserved a place behind its concurrency key; not yet committed. */
  RESERVED_KEY,
  /** Waits in the queue for a handler slot (and holds its key, if it has one). */
  READY,
  /** Waits for an earlier run with the same concurrency key to end. */
  KEY_WAITING
}
