package io.portkit.webhook.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {
  private static final long TS = 1713277889L;
  private static final String BODY =
      "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"deploy\"},\"inputs\":{}}";

  private final RecordingDispatcher dispatcher = new RecordingDispatcher();
  private final WebhookEndpoint endpoint =
      WebhookEndpoint.builder()
          .verifier(
              SignatureVerifier.builder()
                  .addSecret("s3cr3t")
                  .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
                  .build())
          .dispatcher(dispatcher)
          .maxBodyBytes(256)
          .build();

  private WebhookResponse post(String path, String body) {
    RequestHeaders headers =
        RequestHeaders.of(
            "x-port-timestamp",
            "" + TS,
            "x-port-signature",
            Signer.withSecret("s3cr3t").sign(TS, body),
            "Content-Type",
            "application/json");
    return endpoint.handle(WebhookRequest.of("POST", path, headers, body.getBytes(UTF_8)));
  }

  @Test
  void handle_accepted_202WithRunId() {
    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.bodyText()).isEqualTo("{\"ok\":true,\"runId\":\"r_1\",\"status\":\"accepted\"}");
    assertThat(r.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(dispatcher.received())
        .extracting(i -> i.actionIdentifier().orElseThrow())
        .containsExactly("deploy");
  }

  @Test
  void handle_manualByDefault_404AndNothingAcknowledged() {
    WebhookResponse r = post("/manual", BODY);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText()).contains("\"error\":\"not_found\"").contains("no route /manual");
    assertThat(endpoint.manualRoute()).isFalse();
    assertThat(dispatcher.received()).isEmpty();
  }

  @Test
  void handle_manualWhenTurnedOn_202WithoutDispatch() {
    WebhookEndpoint manual =
        WebhookEndpoint.builder()
            .verifier(
                SignatureVerifier.builder()
                    .addSecret("s3cr3t")
                    .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
                    .build())
            .dispatcher(dispatcher)
            .manualRoute(true)
            .build();
    RequestHeaders headers =
        RequestHeaders.of(
            "x-port-timestamp",
            "" + TS,
            "x-port-signature",
            Signer.withSecret("s3cr3t").sign(TS, BODY));

    WebhookResponse r =
        manual.handle(WebhookRequest.of("POST", "/manual", headers, BODY.getBytes(UTF_8)));

    assertThat(r.status()).isEqualTo(202);
    assertThat(r.bodyText()).isEqualTo("{\"ok\":true,\"runId\":\"r_1\",\"status\":\"manual\"}");
    assertThat(dispatcher.received()).isEmpty();
  }

  @Test
  void handle_bodyWithDuplicateKey_400NotDispatched() {
    WebhookResponse r = post("/", "{\"port_context\":{\"runId\":\"r_a\",\"runId\":\"r_b\"}}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("\"error\":\"bad_request\"").contains("key 'runId' twice");
    assertThat(dispatcher.received()).isEmpty();
  }

  @Test
  void handle_journalUnavailable_503NamingTheRun() {
    dispatcher.answer(
        i ->
            DispatchOutcome.rejected(
                DispatchOutcome.Reason.JOURNAL_UNAVAILABLE,
                "run r_1 was not started: the backend cannot record it in its run journal"));

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyText()).contains("\"error\":\"journal_unavailable\"").contains("run r_1");
  }

  @Test
  void handle_duplicate_200() {
    dispatcher.answer(i -> DispatchOutcome.duplicate());

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"ok\":true,\"runId\":\"r_1\",\"status\":\"duplicate\"}");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "SUCCESS, HANDLER_ENDED, 200",
    "FAILURE, HANDLER_ENDED, 422",
    "FAILURE, HANDLER_ERROR, 500",
    "FAILURE, TIMEOUT, 504",
    "FAILURE, SHUTDOWN, 503",
    "FAILURE, RESTARTED, 503",
    "FAILURE, NO_HANDLER, 404"
  })
  void handle_completed_mapsEachEndingToTheStatusPortReads(
      io.portkit.client.run.FinalStatus status,
      DispatchOutcome.SyncResult.Cause cause,
      int expectedHttpStatus) {
    DispatchOutcome.SyncResult result =
        new DispatchOutcome.SyncResult(status, cause, "the summary", null);
    dispatcher.answer(i -> DispatchOutcome.completed(result));

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(expectedHttpStatus);
    assertThat(r.bodyText()).isEqualTo(result.toJson("r_1").toString());
  }

  @Test
  void handle_completedFailure_bodyNamesTheErrorCodeAndMessage() {
    dispatcher.answer(
        i ->
            DispatchOutcome.completed(
                new DispatchOutcome.SyncResult(
                    io.portkit.client.run.FinalStatus.FAILURE,
                    DispatchOutcome.SyncResult.Cause.TIMEOUT,
                    "run timed out",
                    "timed out")));

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(504);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"ok\":false,\"runId\":\"r_1\",\"status\":\"FAILURE\",\"error\":\"run_timeout\","
                + "\"message\":\"run timed out\",\"statusLabel\":\"timed out\"}");
  }

  @Test
  void handle_saturated_503WithMessage() {
    dispatcher.answer(i -> DispatchOutcome.saturated("all 4 workers busy: retry the action later"));

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"ok\":false,\"error\":\"saturated\",\"message\":\"all 4 workers busy: retry the action later\"}");
  }

  @Test
  void handle_rejected_statusErrorAndMessage() {
    dispatcher.answer(
        i ->
            DispatchOutcome.rejected(
                DispatchOutcome.Reason.NO_HANDLER, "no handler for action deploy"));

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"ok\":false,\"error\":\"no_handler\",\"message\":\"no handler for action deploy\"}");
  }

  @Test
  void handle_dispatcherThrows_500GenericWithoutDetails() {
    dispatcher.answer(
        i -> {
          throw new IllegalStateException("db password=xyz");
        });

    WebhookResponse r = post("/", BODY);

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"ok\":false,\"error\":\"internal_error\",\"message\":\"the receiver failed while dispatching run r_1; see the receiver's log\"}");
  }

  @Test
  void handle_chunkedBodyOverLimit_413AfterReadingLimitPlusOne() {
    byte[] big = new byte[10_000];
    CountingStream in = new CountingStream(big);
    WebhookResponse r =
        endpoint.handle(new WebhookRequest("POST", "/", RequestHeaders.empty(), in, -1));

    assertThat(r.status()).isEqualTo(413);
    assertThat(in.consumed()).isEqualTo(257);
    assertThat(r.headers()).containsEntry("Connection", "close");
  }

  @Test
  void handle_declaredLengthOverLimit_413WithoutReading() {
    CountingStream in = new CountingStream(new byte[1000]);
    WebhookResponse r =
        endpoint.handle(new WebhookRequest("POST", "/", RequestHeaders.empty(), in, 1000));

    assertThat(r.status()).isEqualTo(413);
    assertThat(in.consumed()).isZero();
  }

  @Test
  void isJson_variants() {
    assertThat(WebhookEndpoint.isJson("application/json")).isTrue();
    assertThat(WebhookEndpoint.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(WebhookEndpoint.isJson("application/vnd.port+json")).isTrue();
    assertThat(WebhookEndpoint.isJson("text/plain")).isFalse();
    assertThat(WebhookEndpoint.isJson("application/x-www-form-urlencoded")).isFalse();
  }

  @Test
  void build_withoutDispatcher_throwsNamingTheFix() {
    assertThatThrownBy(
            () ->
                WebhookEndpoint.builder()
                    .verifier(SignatureVerifier.builder().addSecret("s").build())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dispatcher required: call dispatcher(...)");
  }

  /** A stream that counts how many bytes were taken from it. */
  static final class CountingStream extends ByteArrayInputStream {
    private final int size;

    CountingStream(byte[] data) {
      super(data);
      this.size = data.length;
    }

    int consumed() {
      return size - available();
    }
  }
}
