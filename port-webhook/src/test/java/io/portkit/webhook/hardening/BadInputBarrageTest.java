package io.portkit.webhook.hardening;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.testsupport.RawHttp;
import io.portkit.webhook.server.WebhookReceiver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends well over 1,000 generated bad requests to a running {@link WebhookReceiver} and checks that
 * each gets the expected 4xx with a JSON error, that no run is dispatched, and that the receiver
 * stays healthy with bounded memory. The generator is seeded: set {@code -Dhardening.seed=N} to
 * replay a failure.
 */
class BadInputBarrageTest {
  private static final int LIMIT = 256 * 1024;
  private static final long SEED = Long.getLong("hardening.seed", System.nanoTime());
  private static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fails the barrage for any dispatch: none of its bodies is a valid delivery. */
  private final List<RunInvocation> dispatched = new CopyOnWriteArrayList<>();

  private final InvocationDispatcher recording =
      run -> {
        dispatched.add(run);
        return DispatchOutcome.accepted();
      };

  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    SignatureVerifier verifier =
        SignatureVerifier.builder()
            .addSecret(BodyCases.SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(BodyCases.TS)), ZoneOffset.UTC))
            .build();
    receiver =
        WebhookReceiver.builder()
            .verifier(verifier)
            .dispatcher(recording)
            .maxBodyBytes(LIMIT)
            .port(0)
            .threads(4)
            .stopGrace(Duration.ZERO)
            .start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void barrage_generatedBadRequests_every4xxJsonNothingDispatchedStaysHealthy() throws Exception {
    System.out.println(
        "BadInputBarrageTest seed=" + SEED + " (replay with -Dhardening.seed=" + SEED + ")");
    Random random = new Random(SEED);
    List<BadRequest> cases = new ArrayList<>(new BodyCases(random).all());
    cases.addAll(new HeaderCases(random, LIMIT).all());
    assertThat(cases.size()).as("generated cases").isGreaterThanOrEqualTo(1000);
    long heapBefore = heapAfterGc();

    List<String> failures = new ArrayList<>();
    for (BadRequest c : cases) {
      RawHttp.Answer answer = RawHttp.send(receiver.port(), c.wire());
      String problem = check(c, answer);
      if (problem != null) {
        failures.add(c.name() + ": " + problem);
      }
    }

    long growth = heapAfterGc() - heapBefore;
    assertThat(failures)
        .as("seed %d: %d of %d cases failed", SEED, failures.size(), cases.size())
        .isEmpty();
    assertThat(dispatched).as("seed %d: runs dispatched from bad input", SEED).isEmpty();
    assertThat(growth).as("heap growth after GC, bytes").isLessThan(MAX_HEAP_GROWTH);
    assertHealthy();
  }

  private String check(BadRequest c, RawHttp.Answer answer) {
    if (c.status() == BadRequest.CLOSED) {
      return answer.status() == BadRequest.CLOSED
          ? null
          : "answered " + answer.status() + ", expected the connection closed unanswered";
    }
    if (answer.status() != c.status()) {
      return "status "
          + answer.status()
          + ", expected "
          + c.status()
          + "; body "
          + shorten(answer.body());
    }
    if (!String.valueOf(answer.header("Content-Type")).startsWith("application/json")) {
      return "Content-Type " + answer.header("Content-Type") + "; body " + shorten(answer.body());
    }
    if (answer.body().contains(BodyCases.SECRET)) {
      return "the answer contains the client secret";
    }
    try {
      JsonNode error = JSON.readTree(answer.body());
      if (!error.path("ok").isBoolean() || error.path("ok").booleanValue()) {
        return "ok is not false: " + shorten(answer.body());
      }
      if (!error.path("error").asText().equals(c.error())) {
        return "error " + error.path("error") + ", expected " + c.error();
      }
      String message = error.path("message").asText();
      if (message.isBlank() || !message.startsWith(c.messageStart())) {
        return "message '"
            + shorten(message)
            + "', expected to start with '"
            + c.messageStart()
            + "'";
      }
    } catch (java.io.IOException e) {
      return "body is not JSON: " + shorten(answer.body());
    }
    return null;
  }

  private void assertHealthy() throws Exception {
    RawHttp.Answer health =
        RawHttp.send(
            receiver.port(), Wire.request("GET", "/healthz").framing(Wire.Framing.NONE).bytes());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"ok\":true}");

    RawHttp.Answer valid =
        RawHttp.send(receiver.port(), BodyCases.signed(HeaderCases.BODY).bytes());
    assertThat(valid.status()).as(valid.body()).isEqualTo(202);
    assertThat(dispatched).extracting(RunInvocation::runId).containsExactly("r_QOz6WoOB1Q2lmhZZ");
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String shorten(String s) {
    String t = new String(s.getBytes(UTF_8), UTF_8);
    return t.length() <= 300 ? t : t.substring(0, 300) + "...";
  }
}
