package io.portkit.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.PortException;
import io.portkit.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTokenSourceTest {
  private final MutableClock clock = MutableClock.standard();
  private final AtomicInteger fetches = new AtomicInteger();

  /** Each fetch returns token-N expiring 30 minutes after the fetch. */
  private AccessToken fetchNew() {
    int n = fetches.incrementAndGet();
    return new AccessToken("token-" + n, "Bearer", clock.instant().plus(Duration.ofMinutes(30)));
  }

  private CachingTokenSource source(CachingTokenSource.Fetcher fetcher) {
    return CachingTokenSource.builder(fetcher).clock(clock).build();
  }

  @Test
  void token_fresh_servedFromCache() {
    CachingTokenSource s = source(this::fetchNew);

    assertThat(s.token().value()).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(20));
    assertThat(s.token().value()).isEqualTo("token-1");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void token_stale_fetchesNewOne() {
    CachingTokenSource s = source(this::fetchNew);
    s.token();

    clock.advance(Duration.ofMinutes(26)); // 4 minutes left: STALE

    assertThat(s.token().value()).isEqualTo("token-2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void token_staleAndFetchFails_returnsCurrentToken() {
    AtomicInteger calls = new AtomicInteger();
    CachingTokenSource s =
        source(
            () -> {
              if (calls.incrementAndGet() > 1) {
                throw new PortException("token endpoint down", true);
              }
              return fetchNew();
            });
    s.token();
    clock.advance(Duration.ofMinutes(26));

    assertThat(s.token().value()).isEqualTo("token-1");
  }

  @Test
  void token_staleAndPortReissuesSameToken_doesNotFetchOnEveryCall() {
    Instant exp = clock.instant().plus(Duration.ofMinutes(30));
    CachingTokenSource s =
        source(
            () -> {
              fetches.incrementAndGet();
              return new AccessToken("same", "Bearer", exp);
            });
    s.token();
    clock.advance(Duration.ofMinutes(26));

    s.token(); // STALE: one refresh, Port hands back the same token
    s.token();
    s.token();

    assertThat(fetches).hasValue(2);
  }

  @Test
  void token_expired_waitsForNewOne() {
    CachingTokenSource s = source(this::fetchNew);
    s.token();

    clock.advance(Duration.ofMinutes(31));

    assertThat(s.token().value()).isEqualTo("token-2");
  }

  @Test
  void token_coldAndFetchFails_throwsFetchFailure() {
    CachingTokenSource s =
        source(
            () -> {
              throw new PortException("boom", true);
            });

    assertThatThrownBy(s::token).isInstanceOf(PortException.class).hasMessage("boom");
  }

  @Test
  void refreshAfterRejection_sameAsCurrent_fetches() {
    CachingTokenSource s = source(this::fetchNew);
    AccessToken first = s.token();

    assertThat(s.refreshAfterRejection(first).value()).isEqualTo("token-2");
  }

  @Test
  void refreshAfterRejection_alreadyReplaced_returnsCurrentWithoutFetch() {
    CachingTokenSource s = source(this::fetchNew);
    AccessToken first = s.token();
    s.refreshAfterRejection(first);

    assertThat(s.refreshAfterRejection(first).value()).isEqualTo("token-2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void token_64ConcurrentColdCallers_exactlyOneFetch() throws Exception {
    int callers = 64;
    CountDownLatch allStarted = new CountDownLatch(callers);
    CachingTokenSource s =
        source(
            () -> {
              try {
                // Hold the fetch until every caller is running, so they overlap it.
                assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
              return fetchNew();
            });
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<AccessToken>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  allStarted.countDown();
                  return s.token();
                }));
      }
      for (Future<AccessToken> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void token_expiredTokenSeenWhileAnotherCallerRefetches_usesThatFetch() throws Exception {
    // The late caller reads the expired token, then stops in the clock (the next thing token()
    // does) while another caller fetches token-2 to the end. Resumed, it must take token-2, not
    // ask Port a third time: the race behind 2 token requests for 1,000 cold callers.
    GatedClock gated = new GatedClock(clock);
    CachingTokenSource s = CachingTokenSource.builder(this::fetchNew).clock(gated).build();
    s.token();
    clock.advance(Duration.ofMinutes(31)); // token-1 expired, fetched long ago
    CompletableFuture<AccessToken> late = new CompletableFuture<>();
    Thread lateCaller = new Thread(() -> late.complete(s.token()), "late-caller");
    gated.stop(lateCaller);
    lateCaller.start();
    assertThat(gated.stopped.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(s.token().value()).isEqualTo("token-2");
    gated.resume.countDown();

    assertThat(late.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void token_fetchFailedWhileAnotherCallerWaitedToLook_theOtherFetchesAgain() throws Exception {
    // The same interleaving, but the other caller's fetch fails: the late caller has no newer
    // token to take and must fetch itself.
    GatedClock gated = new GatedClock(clock);
    AtomicInteger calls = new AtomicInteger();
    CachingTokenSource s =
        CachingTokenSource.builder(
                () -> {
                  if (calls.incrementAndGet() == 2) {
                    throw new PortException("token endpoint down", true);
                  }
                  return fetchNew();
                })
            .clock(gated)
            .build();
    s.token();
    clock.advance(Duration.ofMinutes(31));
    CompletableFuture<AccessToken> late = new CompletableFuture<>();
    Thread lateCaller = new Thread(() -> late.complete(s.token()), "late-caller");
    gated.stop(lateCaller);
    lateCaller.start();
    assertThat(gated.stopped.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(s::token)
        .isInstanceOf(PortException.class)
        .hasMessage("token endpoint down");
    gated.resume.countDown();

    assertThat(late.get(10, TimeUnit.SECONDS).value()).isEqualTo("token-2");
    assertThat(calls).hasValue(3);
  }

  /** Delegates to a clock, but holds one chosen thread in its first {@code instant()} call. */
  private static final class GatedClock extends Clock {
    private final Clock delegate;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private volatile Thread held;

    GatedClock(Clock delegate) {
      this.delegate = delegate;
    }

    void stop(Thread thread) {
      held = thread;
    }

    @Override
    public Instant instant() {
      if (Thread.currentThread() == held) {
        held = null;
        stopped.countDown();
        try {
          if (!resume.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never resumed the held thread");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return delegate.instant();
    }

    @Override
    public ZoneId getZone() {
      return delegate.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("not needed by CachingTokenSource");
    }
  }

  @Test
  void build_expiryMarginAboveRefreshMargin_throws() {
    assertThatThrownBy(
            () ->
                CachingTokenSource.builder(this::fetchNew)
                    .refreshMargin(Duration.ofMinutes(1))
                    .expiryMargin(Duration.ofMinutes(2))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expiryMargin PT2M exceeds refreshMargin PT1M");
  }
}
