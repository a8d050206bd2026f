package io.portkit.client.auth;

import io.portkit.client.PortException;
import io.portkit.client.PortTransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches one access token and refreshes it the google-auth way: {@link TokenState#FRESH} tokens are
 * returned without locking; when {@link TokenState#STALE} one caller fetches a new token while the
 * others keep using the current one; when {@link TokenState#EXPIRED} (or none yet) callers wait for
 * a single shared fetch and share its failure.
 *
 * <p>At most one fetch is in flight however many threads call. Port re-issues the same active token
 * until it expires, so after a fetch this source does not fetch again for {@link
 * Builder#minRefreshInterval(Duration)} unless the token is really past its expiry, which keeps a
 * stale-but-reissued token from causing a request per call. Thread-safe.
 */
public final class CachingTokenSource implements TokenSource {
  private static final Logger log = LoggerFactory.getLogger(CachingTokenSource.class);

  /** Fetches a new token from Port; called by at most one thread at a time. */
  @FunctionalInterface
  public interface Fetcher {
    /**
     * Requests a token.
     *
     * @throws PortException if Port refused or could not be reached
     */
    AccessToken fetch();
  }

  private final Fetcher fetcher;
  private final Clock clock;
  private final Duration refreshMargin;
  private final Duration expiryMargin;
  private final Duration minRefreshInterval;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile AccessToken current;
  private CompletableFuture<AccessToken> inFlight; // guarded by lock
  private Instant lastFetch = Instant.MIN; // guarded by lock

  private CachingTokenSource(Builder b) {
    this.fetcher = b.fetcher;
    this.clock = b.clock;
    this.refreshMargin = b.refreshMargin;
    this.expiryMargin = b.expiryMargin;
    this.minRefreshInterval = b.minRefreshInterval;
  }

  /**
   * Returns a builder fetching with {@code fetcher}.
   *
   * @param fetcher requests a token from Port
   */
  public static Builder builder(Fetcher fetcher) {
    return new Builder(fetcher);
  }

  @Override
  public AccessToken token() {
    AccessToken token = current;
    if (token == null) {
      return fetchShared(null);
    }
    Instant now = clock.instant();
    switch (token.stateAt(now, refreshMargin, expiryMargin)) {
      case FRESH:
        return token;
      case STALE:
        return refreshWhileStale(token, now);
      default:
        if (now.isBefore(token.expiresAt()) && fetchedRecently(now)) {
          // Port handed back this nearly expired token moments ago; asking again would loop.
          return token;
        }
        return fetchShared(token);
    }
  }

  @Override
  public AccessToken refreshAfterRejection(AccessToken rejected) {
    Objects.requireNonNull(rejected, "rejected == null");
    AccessToken token = current;
    if (token != null && !token.value().equals(rejected.value())) {
      return token; // another caller already replaced the rejected token
    }
    return fetchShared(token);
  }

  private AccessToken refreshWhileStale(AccessToken token, Instant now) {
    CompletableFuture<AccessToken> mine;
    lock.lock();
    try {
      if (inFlight != null || fetchedRecently(now)) {
        return token;
      }
      mine = new CompletableFuture<>();
      inFlight = mine;
    } finally {
      lock.unlock();
    }
    runFetch(mine);
    try {
      return mine.join();
    } catch (RuntimeException e) {
      // The current token still works for a while; the next caller tries again.
      log.warn("refreshing a stale Port access token failed; using the current one", e);
      return token;
    }
  }

  private boolean fetchedRecently(Instant now) {
    lock.lock();
    try {
      return lastFetch.plus(minRefreshInterval).isAfter(now);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the token of the fetch in flight, or of a new one.
   *
   * @param seen the token this caller found unusable (null if there was none)
   */
  private @Nullable AccessToken fetchShared(@Nullable AccessToken seen) {
    CompletableFuture<AccessToken> future;
    boolean mine = false;
    lock.lock();
    try {
      AccessToken latest = current;
      if (inFlight == null && latest != null && latest != seen) {
        // A fetch finished between this caller's look at the token and now: use its token
        // instead of asking Port again (1,000 cold callers made 2 token requests without this).
        return latest;
      }
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        mine = true;
      }
      future = inFlight;
    } finally {
      lock.unlock();
    }
    if (mine) {
      runFetch(future);
    }
    return await(future);
  }

  private void runFetch(CompletableFuture<AccessToken> future) {
    AccessToken fetched = null;
    RuntimeException failure = null;
    try {
      fetched = Objects.requireNonNull(fetcher.fetch(), "fetcher returned null");
      current = fetched;
      log.debug("fetched a Port access token expiring at {}", fetched.expiresAt());
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      lock.lock();
      try {
        inFlight = null;
        lastFetch = clock.instant();
      } finally {
        lock.unlock();
      }
    }
    if (failure != null) {
      future.completeExceptionally(failure);
    } else {
      future.complete(fetched);
    }
  }

  private static AccessToken await(CompletableFuture<AccessToken> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortTransportException(
          "interrupted while waiting for a Port access token", false, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new PortException("fetching a Port access token failed", true, e.getCause());
    }
  }

  /** Builds a {@link CachingTokenSource}. Not thread-safe. */
  public static final class Builder {
    private final Fetcher fetcher;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration expiryMargin = Duration.ofMinutes(1);
    private Duration minRefreshInterval = Duration.ofSeconds(30);

    private Builder(Fetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    }

    /** Sets the clock that decides token state; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Sets how long before expiry a token becomes {@link TokenState#STALE}; default 5 min. */
    public Builder refreshMargin(Duration refreshMargin) {
      this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin == null");
      return this;
    }

    /** Sets how long before expiry a token becomes {@link TokenState#EXPIRED}; default 1 min. */
    public Builder expiryMargin(Duration expiryMargin) {
      this.expiryMargin = Objects.requireNonNull(expiryMargin, "expiryMargin == null");
      return this;
    }

    /** Sets the least time between two fetches for a still-valid token; default 30 s. */
    public Builder minRefreshInterval(Duration minRefreshInterval) {
      this.minRefreshInterval =
          Objects.requireNonNull(minRefreshInterval, "minRefreshInterval == null");
      return this;
    }

    /**
     * Returns the token source.
     *
     * @throws IllegalArgumentException if the expiry margin exceeds the refresh margin
     */
    public CachingTokenSource build() {
      if (expiryMargin.compareTo(refreshMargin) > 0) {
        throw new IllegalArgumentException(
            "expiryMargin " + expiryMargin + " exceeds refreshMargin " + refreshMargin);
      }
      return new CachingTokenSource(this);
    }
  }
}
