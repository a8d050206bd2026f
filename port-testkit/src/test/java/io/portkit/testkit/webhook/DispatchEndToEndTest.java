package io.portkit.testkit.webhook;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.run.RunLogEntry;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Signed webhooks over HTTP into WebhookReceiver + RunDispatcher, reporting to PortEmulator. */
class DispatchEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void asyncRun_handlerReportsThroughApi_runEndsSuccess() {
    try (Backend b =
        new Backend(
            d ->
                d.handle(
                    "deploy",
                    (run, ctx) -> {
                      ctx.log("deploying " + run.inputs().path("version").asText());
                      ctx.addLink("https://ci.example.com/build/42");
                    }))) {
      String id = b.createRun("deploy");

      HttpResponse<String> response = b.deliver(Backend.body(id, "deploy"));

      assertThat(response.statusCode()).isEqualTo(202);
      EmulatedRun run = b.port.awaitRun(id, RunStatus.SUCCESS, WAIT);
      assertThat(run.logs()).extracting(RunLogEntry::message).contains("deploying 1.2.3");
      assertThat(run.links()).containsExactly("https://ci.example.com/build/42");
    }
  }

  @Test
  void minimalBody_actionAndDetailsComeFromPort() {
    CompletableFuture<String> action = new CompletableFuture<>();
    try (Backend b =
        new Backend(
            d ->
                d.handle("deploy", (run, ctx) -> action.complete(run.details().path("id").asText()))
                    .handle("cleanup", (run, ctx) -> action.complete("cleanup")))) {
      String id = b.createRun("deploy");

      HttpResponse<String> response = b.deliver("{\"port_context\":{\"runId\":\"" + id + "\"}}");

      assertThat(response.statusCode()).isEqualTo(202);
      b.port.awaitRun(id, RunStatus.SUCCESS, WAIT);
      assertThat(action).isCompletedWithValue(id);
    }
  }

  @Test
  void syncRun_success_answers200AndNeverPatchesStatus() {
    try (Backend b =
        new Backend(
            d ->
                d.sync(
                    "validate",
                    (run, ctx) -> {
                      ctx.log("checked");
                      ctx.succeed("name is free");
                    }))) {
      String id = b.createRun("validate");

      HttpResponse<String> response = b.deliver(Backend.body(id, "validate"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Backend.json(response))
          .isEqualTo(
              Backend.object(
                  "{\"ok\":true,\"runId\":\""
                      + id
                      + "\",\"status\":\"SUCCESS\","
                      + "\"summary\":\"name is free\"}"));
      assertNoStatusPatch(b, id);
      assertThat(b.port.run(id).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
    }
  }

  @Test
  void syncRun_handlerFailsOrThrows_answersNon2xxWithMessage() {
    try (Backend b =
        new Backend(
            d ->
                d.sync(
                    "validate",
                    (run, ctx) -> {
                      if (run.inputs().has("version")) {
                        throw new IllegalArgumentException("version 1.2.3 is retired");
                      }
                      ctx.fail("no version");
                    }))) {
      String thrown = b.createRun("validate");
      String failed = b.createRun("validate");

      HttpResponse<String> r1 = b.deliver(Backend.body(thrown, "validate"));
      HttpResponse<String> r2 =
          b.deliver("{\"port_context\":{\"runId\":\"" + failed + "\",\"action\":\"validate\"}}");

      assertThat(r1.statusCode()).isEqualTo(500);
      assertThat(Backend.json(r1).path("message").asText())
          .isEqualTo("handler failed: IllegalArgumentException: version 1.2.3 is retired");
      assertThat(r2.statusCode()).isEqualTo(422);
      assertThat(Backend.json(r2).path("message").asText()).isEqualTo("no version");
      assertNoStatusPatch(b, thrown);
      assertNoStatusPatch(b, failed);
    }
  }

  @Test
  void manualRoute_acknowledgesWithoutRunningHandler() {
    AtomicInteger runs = new AtomicInteger();
    try (Backend b = new Backend(d -> d.handle("deploy", (run, ctx) -> runs.incrementAndGet()))) {
      String id = b.createRun("deploy");
      String body = Backend.body(id, "deploy");

      HttpResponse<String> response = b.post("/manual", body, b.sign(b.port.clientSecret(), body));

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(Backend.json(response).path("status").asText()).isEqualTo("manual");
      assertThat(runs).hasValue(0);
      assertThat(b.dispatcher.inFlight()).isZero();
    }
  }

  @Test
  void duplicateDelivery_answered200AndExecutedOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (Backend b = new Backend(d -> d.handle("deploy", (run, ctx) -> runs.incrementAndGet()))) {
      String id = b.createRun("deploy");
      String body = Backend.body(id, "deploy");

      HttpResponse<String> first = b.deliver(body);
      b.port.awaitRun(id, RunStatus.SUCCESS, WAIT);
      HttpResponse<String> second = b.deliver(body);

      assertThat(first.statusCode()).isEqualTo(202);
      assertThat(second.statusCode()).isEqualTo(200);
      assertThat(Backend.json(second).path("status").asText()).isEqualTo("duplicate");
      assertThat(runs).hasValue(1);
    }
  }

  @Test
  void unknownAction_answered404AndRunEndsFailureNoHandler() {
    try (Backend b = new Backend(d -> d.handle("deploy", (run, ctx) -> {}))) {
      String id = b.createRun("orphan");

      HttpResponse<String> response = b.deliver(Backend.body(id, "orphan"));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(Backend.json(response).path("error").asText()).isEqualTo("no_handler");
      EmulatedRun run = b.port.awaitRun(id, RunStatus.FAILURE, WAIT);
      assertThat(run.statusLabel()).isEqualTo("no handler");
      assertThat(run.summary())
          .isEqualTo(
              "no handler for action orphan: register one with handle(\"orphan\", ...) or set a"
                  + " defaultHandler; registered: [deploy]");
    }
  }

  @Test
  void handlerException_runEndsFailureWithSummary() {
    try (Backend b =
        new Backend(
            d ->
                d.handle(
                    "deploy",
                    (run, ctx) -> {
                      throw new IllegalStateException("cluster unreachable");
                    }))) {
      String id = b.createRun("deploy");

      b.deliver(Backend.body(id, "deploy"));

      EmulatedRun run = b.port.awaitRun(id, RunStatus.FAILURE, WAIT);
      assertThat(run.summary())
          .isEqualTo("handler failed: IllegalStateException: cluster unreachable");
      assertThat(run.statusLabel()).isEqualTo("handler failed");
    }
  }

  @Test
  void runPastTimeout_runEndsFailureTimedOut() {
    try (Backend b =
        new Backend(
            d ->
                d.runTimeout(Duration.ofMillis(100))
                    .handle("deploy", (run, ctx) -> new CountDownLatch(1).await()))) {
      String id = b.createRun("deploy");

      b.deliver(Backend.body(id, "deploy"));

      EmulatedRun run = b.port.awaitRun(id, RunStatus.FAILURE, WAIT);
      assertThat(run.statusLabel()).isEqualTo("timed out");
      assertThat(run.summary()).startsWith("run timed out after 100 ms");
    }
  }

  @Test
  void saturated_answers503ThenAcceptsOnceCapacityFrees() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Backend b =
        new Backend(d -> d.maxInFlight(1).handle("deploy", (run, ctx) -> release.await()))) {
      String first = b.createRun("deploy");
      String second = b.createRun("deploy");
      b.deliver(Backend.body(first, "deploy"));

      HttpResponse<String> refused = b.deliver(Backend.body(second, "deploy"));
      release.countDown();
      b.port.awaitRun(first, RunStatus.SUCCESS, WAIT);
      assertThat(b.dispatcher.awaitIdle(WAIT)).isTrue();
      HttpResponse<String> retried = b.deliver(Backend.body(second, "deploy"));

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(Backend.json(refused).path("message").asText())
          .isEqualTo(
              "1 runs are in flight (maxInFlight=1) and none may wait (maxQueued=0): run "
                  + second
                  + " was not started; run the action again later, or raise maxInFlight or"
                  + " maxQueued (with a journal, up to 10,000 runs wait by default)");
      assertThat(retried.statusCode()).isEqualTo(202);
      b.port.awaitRun(second, RunStatus.SUCCESS, WAIT);
    }
  }

  @Test
  void gracefulShutdown_runsInFlightEndFailureWithShutdownLabel() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    try (Backend b =
        new Backend(
            d ->
                d.handle(
                    "deploy",
                    (run, ctx) -> {
                      started.countDown();
                      new CountDownLatch(1).await();
                    }))) {
      String r1 = b.createRun("deploy");
      String r2 = b.createRun("deploy");
      b.deliver(Backend.body(r1, "deploy"));
      b.deliver(Backend.body(r2, "deploy"));
      assertThat(started.await(10, SECONDS)).isTrue();

      boolean clean = b.dispatcher.shutdown(Duration.ZERO);
      HttpResponse<String> late = b.deliver(Backend.body(b.createRun("deploy"), "deploy"));

      assertThat(clean).isFalse();
      for (String id : new String[] {r1, r2}) {
        EmulatedRun run = b.port.awaitRun(id, RunStatus.FAILURE, WAIT);
        assertThat(run.statusLabel()).isEqualTo("backend shut down");
      }
      assertThat(late.statusCode()).isEqualTo(503);
      assertThat(Backend.json(late).path("error").asText()).isEqualTo("shutting_down");
    }
  }

  private static void assertNoStatusPatch(Backend b, String runId) {
    assertThat(b.port.requests())
        .filteredOn(r -> r.method().equals("PATCH") && r.path().contains(runId))
        .noneMatch(r -> r.body() != null && r.body().contains("\"status\""));
  }
}
