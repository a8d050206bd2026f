package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A route's successful answer: a status and a JSON body.
 *
 * @param status HTTP status
 * @param body JSON body
 */
public record ApiResponse(int status, JsonNode body) {
  /** Returns {@code {"ok":true, field: value}} with {@code status}. */
  public static ApiResponse ok(int status, String field, JsonNode value) {
    ObjectNode body = Json.object().put("ok", true);
    body.set(field, value);
    return new ApiResponse(status, body);
  }

  /** Returns {@code {"ok":true}} with 200. */
  public static ApiResponse ok() {
    return new ApiResponse(200, Json.object().put("ok", true));
  }
}
