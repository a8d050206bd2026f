package io.portkit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One Port API request: method, path (already encoded), query string, optional JSON body, and
 * whether it may be repeated.
 *
 * @param method the HTTP method
 * @param path the encoded path, starting with {@code /v1/}
 * @param query the encoded query string including {@code ?}, or empty
 * @param body the JSON body, or null for none
 * @param replay when the call may be sent again
 */
public record ApiCall(String method, String path, String query, JsonNode body, Replay replay) {
  /** When a failed call may be sent again. */
  public enum Replay {
    /** Safe to repeat: GET, DELETE, PATCH run, entity upsert, token, and log lines (ADR 0002). */
    IDEMPOTENT,
    /** Repeat only if Port cannot have acted on it: connect failures and 429 answers. */
    UNSAFE
  }

  /** Validates the fields; a null query becomes empty. */
  public ApiCall {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(replay, "replay == null");
    query = query == null ? "" : query;
  }

  /** Returns an idempotent GET. */
  public static ApiCall get(String path, String query) {
    return new ApiCall("GET", path, query, null, Replay.IDEMPOTENT);
  }
}
