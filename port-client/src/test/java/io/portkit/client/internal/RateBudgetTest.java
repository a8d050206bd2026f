package io.portkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.Sleeper;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitBucket;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.testsupport.MutableClock;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The budget and its gate, driven by answers' headers on a clock the test moves. */
class RateBudgetTest {
  private static final Duration LONG = Duration.ofMinutes(6);

  private final MutableClock clock = MutableClock.standard();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final RateBudget budget = new RateBudget(RateLimitBucket.GENERAL);
  private final RateLimitPolicy policy = RateLimitPolicy.DEFAULT;

  private static RawResponse answer(int status, long limit, long remaining, long resetEpoch) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("x-ratelimit-limit", List.of(Long.toString(limit)));
    h.put("x-ratelimit-remaining", List.of(Long.toString(remaining)));
    h.put("x-ratelimit-reset", List.of(Long.toString(resetEpoch)));
    h.put("x-ratelimit-period", List.of("60"));
    return new RawResponse(status, HttpHeaders.of(h, (a, b) -> true), "");
  }

  private long inSeconds(long s) {
    return clock.instant().getEpochSecond() + s;
  }

  private void observe(RawResponse r) {
    budget.observe(r, clock.instant(), Optional.empty());
  }

  private Duration admit(CallPriority p) throws InterruptedException {
    return budget.admit(p, policy, clock, sleeper, LONG);
  }

  @Test
  void unknownBudget_everyCallGoesAtOnce() throws InterruptedException {
    assertThat(admit(CallPriority.LOG)).isZero();
    assertThat(budget.remaining(clock)).isEmpty();
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void lowBudget_logWaitsForTheWindow_finalStatusGoesAtOnce() throws InterruptedException {
    observe(answer(200, 100, 5, inSeconds(30)));

    assertThat(admit(CallPriority.FINAL_STATUS)).isZero();
    observe(answer(200, 100, 4, inSeconds(30))); // the final status's answer
    assertThat(admit(CallPriority.LOG)).isEqualTo(Duration.ofSeconds(30));

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30));
    assertThat(budget.remaining(clock)).hasValue(99); // a new window, minus the log
    assertThat(budget.delayedCalls(CallPriority.LOG)).isEqualTo(1);
    assertThat(budget.delayedCalls(CallPriority.FINAL_STATUS)).isZero();
  }

  @Test
  void reserveTiers_logsStopFirst_runUpdatesLater_finalOnlyAtZero() throws InterruptedException {
    observe(answer(200, 100, 8, inSeconds(30))); // log reserve 10, run update 7, read 5, entity 2

    assertThat(budget.isLow(policy, clock)).isTrue();
    assertThat(admit(CallPriority.RUN_UPDATE)).isZero(); // 8 > 7; now 7
    assertThat(admit(CallPriority.READ)).isZero(); // 7 > 5; now 6
    assertThat(admit(CallPriority.READ)).isZero(); // 6 > 5; now 5
    assertThat(admit(CallPriority.ENTITY_WRITE)).isZero(); // 5 > 2; now 4
    assertThat(sleeper.sleeps()).isEmpty();
    assertThat(admit(CallPriority.READ)).isEqualTo(Duration.ofSeconds(30)); // 4 <= 5
  }

  @Test
  void windowEnds_callsStillInFlight_keepTheirRoomInTheNextWindow() throws InterruptedException {
    observe(answer(200, 100, 50, inSeconds(30)));
    admit(CallPriority.LOG);
    admit(CallPriority.LOG); // two calls sent, no answer yet

    clock.advance(Duration.ofSeconds(30));

    assertThat(budget.remaining(clock)).hasValue(98);
  }

  @Test
  void answers_laterWindowReplaces_sameWindowOnlyLowers_earlierWindowIgnored() {
    observe(answer(200, 100, 50, inSeconds(30)));
    observe(answer(200, 100, 70, inSeconds(30))); // sent before the calls the estimate counts
    assertThat(budget.remaining(clock)).hasValue(50);
    observe(answer(200, 100, 40, inSeconds(30)));
    assertThat(budget.remaining(clock)).hasValue(40);
    observe(answer(200, 100, 95, inSeconds(90)));
    assertThat(budget.remaining(clock)).hasValue(95);
    observe(answer(200, 100, 1, inSeconds(30))); // a straggler from the window before
    assertThat(budget.remaining(clock)).hasValue(95);
  }

  @Test
  void status429WithoutHeaders_holdsEvenFinalStatusesForTheAskedWait() throws InterruptedException {
    RawResponse tooMany = new RawResponse(429, HttpHeaders.of(Map.of(), (a, b) -> true), "");
    budget.observe(tooMany, clock.instant(), Optional.of(Duration.ofSeconds(5)));

    assertThat(admit(CallPriority.FINAL_STATUS)).isEqualTo(Duration.ofSeconds(5));
    assertThat(budget.rateLimitedAnswers()).isEqualTo(1);
  }

  @Test
  void allowanceSpent_callGoesAnywayAndPortDecides() throws InterruptedException {
    observe(answer(200, 100, 0, inSeconds(60)));

    Duration waited = budget.admit(CallPriority.LOG, policy, clock, sleeper, Duration.ofSeconds(2));

    assertThat(waited).isEqualTo(Duration.ofSeconds(2));
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void gateOff_neverWaits() throws InterruptedException {
    observe(answer(200, 100, 0, inSeconds(60)));

    assertThat(budget.admit(CallPriority.LOG, RateLimitPolicy.NO_GATE, clock, sleeper, LONG))
        .isZero();
  }

  @Test
  void waitingFinalStatus_keepsItsRoomInTheNextWindow() throws Exception {
    observe(answer(200, 1, 0, inSeconds(1)));
    CountDownLatch asleep = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Sleeper blocking =
        d -> {
          asleep.countDown();
          release.await(10, TimeUnit.SECONDS);
        };
    AtomicReference<Object> finalResult = new AtomicReference<>();
    Thread finalStatus =
        new Thread(
            () -> {
              try {
                finalResult.set(
                    budget.admit(CallPriority.FINAL_STATUS, policy, clock, blocking, LONG));
              } catch (InterruptedException e) {
                finalResult.set(e);
              }
            });
    finalStatus.start();
    assertThat(asleep.await(10, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofSeconds(1)); // the window ends while the final status still sleeps

    // The log finds the whole new window (1) but leaves it to the waiting final status.
    Duration logWaited =
        budget.admit(CallPriority.LOG, policy, clock, sleeper, Duration.ofSeconds(3));
    release.countDown();
    finalStatus.join(10_000);

    assertThat(logWaited).isEqualTo(Duration.ofSeconds(3));
    assertThat(finalResult.get()).isInstanceOf(Duration.class);
    assertThat(finalStatus.isAlive()).isFalse();
  }

  @Test
  void interruptedWhileWaiting_throwsInterruptedExceptionPromptly() throws Exception {
    Clock real = Clock.systemUTC();
    budget.observe(
        answer(200, 100, 0, real.instant().getEpochSecond() + 300),
        real.instant(),
        Optional.empty());
    CountDownLatch waiting = new CountDownLatch(1);
    Sleeper system =
        d -> {
          waiting.countDown();
          Sleeper.SYSTEM.sleep(d);
        };
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                outcome.set(budget.admit(CallPriority.LOG, policy, real, system, LONG));
              } catch (InterruptedException e) {
                outcome.set(e);
              }
            });
    caller.start();
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join(10_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
  }
}
