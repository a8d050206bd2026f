package io.portkit.client.ratelimit;

/**
 * The separate budgets Port counts an organization's requests in. Port documents one limit for
 * unauthenticated requests, one for the entities API and one for all other requests; each answer's
 * {@code x-ratelimit-*} headers describe the budget of the route that answered.
 */
public enum RateLimitBucket {
  /** Every route not in another bucket: action runs, workflow node runs, blueprints, actions. */
  GENERAL,
  /**
   * The entities API: {@code /v1/blueprints/{blueprint}/entities...} and {@code /v1/entities...}.
   */
  ENTITIES,
  /** Requests without a token: {@code POST /v1/auth/access_token}. */
  UNAUTHENTICATED
}
