package io.portkit.client.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.PortTransportException;
import io.portkit.client.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a run, in a log line of its own, that the rate limit held its report back (ADR 0228). One
 * attempt and no retry: the notice is a courtesy and must not delay the call it explains any
 * further. Thread-safe.
 */
final class DelayAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(DelayAnnouncer.class);

  private final HttpClient http;
  private final RequestFactory requests;
  private final RateGate gate;
  private final Clock clock;

  DelayAnnouncer(HttpClient http, RequestFactory requests, RateGate gate, Clock clock) {
    this.http = http;
    this.requests = requests;
    this.gate = gate;
    this.clock = clock;
  }

  void announce(String runId, @Nullable String authorization) {
    ObjectNode body =
        JsonNodeFactory.instance.objectNode().put("message", RateLimitPolicy.DELAY_NOTICE);
    ApiCall notice =
        new ApiCall(
            "POST",
            "/v1/actions/runs/" + Paths.segment(runId, "runId") + "/logs",
            "",
            body,
            ApiCall.Replay.IDEMPOTENT);
    gate.takeWithoutWaiting(notice);
    try {
      HttpResponse<String> r =
          http.send(requests.build(notice, authorization), HttpResponse.BodyHandlers.ofString());
      RawResponse response = new RawResponse(r.statusCode(), r.headers(), r.body());
      gate.observe(notice, response, clock.instant(), Optional.empty());
      if (!response.isSuccess()) {
        log.debug("rate-limit notice for run {} answered {}", runId, response.status());
      }
    } catch (IOException e) {
      gate.abandon(notice);
      log.debug("rate-limit notice for run {} failed: {}", runId, e.toString());
    } catch (InterruptedException e) {
      gate.abandon(notice);
      Thread.currentThread().interrupt();
      throw new PortTransportException(
          "interrupted telling run " + runId + " that the rate limit delayed it", false, e);
    }
  }
}
