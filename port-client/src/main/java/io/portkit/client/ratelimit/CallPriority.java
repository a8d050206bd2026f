package io.portkit.client.ratelimit;

/**
 * What a Port API call is for, which decides the order calls go in when the rate-limit budget runs
 * low. The client classifies every call from its method, path and body; callers never name a
 * priority. Declared from the most to the least urgent.
 */
public enum CallPriority {
  /** {@code POST /v1/auth/access_token}: without a token nothing else can go. Never held back. */
  AUTHENTICATION,
  /**
   * The call that ends a run: PATCH of a run with {@code status}, a run log with {@code
   * terminationStatus}, or a PATCH of a workflow node run with a final status or a result. Held
   * back only when the budget is spent.
   */
  FINAL_STATUS,
  /** Entity writes (create, upsert, update, delete) and starting a run. */
  ENTITY_WRITE,
  /** Reads (GET, entity search): a handler usually waits on them before it can write anything. */
  READ,
  /** A run's status label, links, summary or external id (PATCH without {@code status}). */
  RUN_UPDATE,
  /** Log lines of runs and workflow node runs: the first to wait when the budget runs low. */
  LOG
}
