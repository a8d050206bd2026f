package io.portkit.client.internal;

import io.portkit.client.ratelimit.RateLimitBucket;
import java.util.EnumMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rate-limit budgets of one organization, shared by every client of the process that talks to
 * the same base URI with the same client id (ADR 0225). Thread-safe.
 */
public final class OrganizationBudget {
  private static final Map<String, OrganizationBudget> SHARED = new ConcurrentHashMap<>();
  // Weak keys compared by identity (token sources do not override equals): a budget lives as long
  // as its token source.
  private static final Map<Object, OrganizationBudget> BY_TOKEN_SOURCE = new WeakHashMap<>();
  private static final ReentrantLock BY_TOKEN_SOURCE_LOCK = new ReentrantLock();

  private final Map<RateLimitBucket, RateBudget> buckets = new EnumMap<>(RateLimitBucket.class);
  private final DelayNotices notices = new DelayNotices();

  private OrganizationBudget() {
    for (RateLimitBucket b : RateLimitBucket.values()) {
      buckets.put(b, new RateBudget(b));
    }
  }

  /**
   * Returns the process-wide budget of the organization behind {@code identity} (a client id, or
   * another stable name of the credentials) at {@code baseUri}.
   */
  public static OrganizationBudget shared(String baseUri, String identity) {
    String base = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    return SHARED.computeIfAbsent(base + " " + identity, k -> new OrganizationBudget());
  }

  /**
   * Returns the process-wide budget of the clients using {@code tokenSource} (they have no client
   * id to name the organization by).
   */
  public static OrganizationBudget sharedBy(Object tokenSource) {
    BY_TOKEN_SOURCE_LOCK.lock();
    try {
      return BY_TOKEN_SOURCE.computeIfAbsent(tokenSource, k -> new OrganizationBudget());
    } finally {
      BY_TOKEN_SOURCE_LOCK.unlock();
    }
  }

  /** Returns a budget of its own, shared with no other client (tests). */
  public static OrganizationBudget unshared() {
    return new OrganizationBudget();
  }

  /** Returns the budget {@code bucket}. */
  public RateBudget bucket(RateLimitBucket bucket) {
    return buckets.get(bucket);
  }

  boolean firstDelay(String runId) {
    return notices.first(runId);
  }
}
