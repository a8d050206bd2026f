package io.portkit.webhook.http;

import io.portkit.backend.callback.CallbackResult;
import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.Completion;
import io.portkit.backend.dispatch.HandOffs;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One hand-off callback on a path of the {@link WebhookEndpoint}: reads the body with the
 * endpoint's limit, lets the {@link HandOffCallback} verify and apply it, and answers with the
 * status a sender reads: 200 completed; 202 verified but completes nothing; 401 not signed or too
 * old; 400 not a completion; 404 no such run; 409 already ended or past its deadline (changes
 * nothing: do not retry); 503 Port did not take the status (retry). Immutable and thread-safe.
 */
final class CallbackRoute {
  private final HandOffCallback callback;
  private final HandOffs handOffs;

  CallbackRoute(HandOffCallback callback, HandOffs handOffs) {
    this.callback = callback;
    this.handOffs = handOffs;
  }

  String name() {
    return callback.name();
  }

  WebhookResponse handle(WebhookRequest request, String method, int maxBodyBytes) {
    if (!method.equals("POST")) {
      return Responses.error(
          405,
          "method_not_allowed",
          method + " is not allowed on a callback: use POST",
          Map.of("Allow", "POST"));
    }
    Optional<String> type = request.headers().first("Content-Type");
    if (type.isPresent() && !WebhookEndpoint.isJson(type.get())) {
      return Responses.error(
          415, "unsupported_media_type", "a callback body must be JSON (application/json)");
    }
    byte[] body;
    try {
      body = BodyReader.readBounded(request.body(), request.declaredLength(), maxBodyBytes);
    } catch (IOException e) {
      return Responses.error(400, "unreadable_body", "the callback body could not be read");
    }
    if (body == null) {
      return Responses.error(
          413,
          "payload_too_large",
          "callback body is larger than " + maxBodyBytes + " bytes",
          Map.of("Connection", "close"));
    }
    return answer(callback.receive(handOffs, request.headers(), body));
  }

  static WebhookResponse answer(CallbackResult result) {
    return switch (result.kind()) {
      case REFUSED -> Responses.error(401, "unauthorized", result.message());
      case BAD_BODY -> Responses.error(400, "bad_request", result.message());
      case IGNORED -> Responses.ok(202, null, "ignored");
      case ANSWERED -> answer(result.completion());
    };
  }

  private static WebhookResponse answer(Completion c) {
    String code = c.kind().name().toLowerCase(Locale.ROOT);
    return switch (c.kind()) {
      case COMPLETED -> Responses.ok(200, c.runId(), "completed");
      case ALREADY_FINISHED, PAST_DEADLINE -> Responses.error(409, code, c.message());
      case NOT_FOUND -> Responses.error(404, code, c.message());
      case REPORT_FAILED -> Responses.error(503, code, c.message());
    };
  }
}
