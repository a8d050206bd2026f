package io.portkit.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's reports with coalescing (ADR 0221, 0223): what a handler left held reaches Port
 * before a synchronized answer, and a held write Port refuses with the dispatcher's final fails the
 * run instead of leaving it IN_PROGRESS. The client's flush timer never fires here, so only the
 * dispatcher can have sent what Port shows.
 */
class DispatchCoalescingEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Backend backend(io.portkit.backend.dispatch.RunHandler handler, boolean sync) {
    return new Backend(
        c -> c.writeCoalescing(Duration.ofMinutes(1)).flushScheduler((delay, flush) -> {}),
        d -> sync ? d.sync("validate", handler) : d.handle("deploy", handler));
  }

  @Test
  void syncRun_handlerLeavesALabelAndLinkHeld_bothInPortBeforeTheAnswer() {
    try (Backend b =
        backend(
            (run, ctx) -> {
              ctx.statusLabel("checked");
              ctx.addLink("https://ci.example.com/check/7");
            },
            true)) {
      String id = b.createRun("validate");

      HttpResponse<String> response = b.deliver(Backend.body(id, "validate"));

      assertThat(response.statusCode()).isEqualTo(200);
      EmulatedRun run = b.port.run(id).orElseThrow();
      assertThat(run.statusLabel()).isEqualTo("checked");
      assertThat(run.links()).containsExactly("https://ci.example.com/check/7");
      assertThat(b.port.requests())
          .filteredOn(r -> r.method().equals("PATCH") && r.path().endsWith(id))
          .extracting(r -> r.body())
          .containsExactly(
              "{\"statusLabel\":\"checked\",\"link\":[\"https://ci.example.com/check/7\"]}");
    }
  }

  @Test
  void asyncRun_heldLinkRefusedWithTheFinal_runEndsFailureNamingIt() {
    try (Backend b = backend((run, ctx) -> ctx.addLink("https://ci.example.com/too-long"), false)) {
      String id = b.createRun("deploy");
      b.port.inject(Fault.failNext(1, 422).on("PATCH", "/v1/actions/runs/" + id));

      assertThat(b.deliver(Backend.body(id, "deploy")).statusCode()).isEqualTo(202);

      EmulatedRun run = b.port.awaitRun(id, RunStatus.FAILURE, WAIT);
      assertThat(run.summary())
          .startsWith(
              "handler failed: DeferredWriteException: run "
                  + id
                  + ": Port refused an earlier write held for coalescing (link)");
      assertThat(run.statusLabel()).isEqualTo("handler failed");
      assertThat(run.links()).isEmpty();
    }
  }

  @Test
  void asyncRun_handlerLeavesLinksHeld_theDispatchersFinalCarriesThemInOnePatch() {
    try (Backend b =
        backend(
            (run, ctx) -> {
              ctx.log("deploying");
              ctx.addLink("https://ci.example.com/build/1");
              ctx.addLink("https://ci.example.com/logs/1");
            },
            false)) {
      String id = b.createRun("deploy");

      b.deliver(Backend.body(id, "deploy"));

      EmulatedRun run = b.port.awaitRun(id, RunStatus.SUCCESS, WAIT);
      b.dispatcher.close(); // its final call returned: the emulator journaled it before answering
      assertThat(run.links())
          .containsExactly("https://ci.example.com/build/1", "https://ci.example.com/logs/1");
      assertThat(b.port.requests())
          .filteredOn(r -> !r.method().equals("GET") && r.path().contains(id))
          .hasSize(2); // the line, then one PATCH with the status and both links
    }
  }

  @Test
  void asyncRun_timesOutWithALinkHeld_theTimeoutsFailureCarriesIt() {
    CountDownLatch never = new CountDownLatch(1);
    try (Backend b =
        new Backend(
            c -> c.writeCoalescing(Duration.ofMinutes(1)).flushScheduler((delay, flush) -> {}),
            d ->
                d.runTimeout(Duration.ofMillis(200))
                    .handle(
                        "deploy",
                        (run, ctx) -> {
                          ctx.addLink("https://ci.example.com/build/9");
                          never.await(); // until the timeout interrupts it
                        }))) {
      String id = b.createRun("deploy");

      b.deliver(Backend.body(id, "deploy"));

      EmulatedRun run = b.port.awaitRun(id, RunStatus.FAILURE, WAIT);
      assertThat(run.statusLabel()).isEqualTo("timed out");
      assertThat(run.links()).containsExactly("https://ci.example.com/build/9");
    }
  }
}
