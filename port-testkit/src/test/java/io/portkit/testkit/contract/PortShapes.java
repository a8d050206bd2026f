package io.portkit.testkit.contract;

import static io.portkit.testkit.contract.Shape.anyObject;
import static io.portkit.testkit.contract.Shape.array;
import static io.portkit.testkit.contract.Shape.bool;
import static io.portkit.testkit.contract.Shape.dateTime;
import static io.portkit.testkit.contract.Shape.either;
import static io.portkit.testkit.contract.Shape.nullable;
import static io.portkit.testkit.contract.Shape.number;
import static io.portkit.testkit.contract.Shape.object;
import static io.portkit.testkit.contract.Shape.oneOf;
import static io.portkit.testkit.contract.Shape.string;
import static io.portkit.testkit.contract.Shape.value;

import java.util.Set;

/**
 * The response shapes of Port's API reference (https://docs.port.io/api-reference/port-api), as our
 * own code: for each route, the fields the spec requires, their types, and the objects it closes.
 * Written from the spec's facts; no text of it is copied.
 */
final class PortShapes {
  private PortShapes() {}

  /** 401: {@code ok: false} and {@code error}; {@code message} optional; nothing else. */
  static final Shape UNAUTHORIZED =
      object()
          .required("ok", value(false))
          .required("error", string())
          .optional("message", string())
          .closed();

  /** 404 and 422: {@code ok: false}, {@code error} and {@code message}; nothing else. */
  static final Shape ERROR =
      object()
          .required("ok", value(false))
          .required("error", string())
          .required("message", string())
          .closed();

  /** 413: as 401 (message optional). */
  static final Shape TOO_LARGE = UNAUTHORIZED;

  /** {@code {"ok": true}} alone (deletes). */
  static final Shape OK = object().required("ok", value(true)).closed();

  static final Shape TOKEN =
      object()
          .optional("ok", value(true))
          .required("accessToken", string())
          .required("expiresIn", number())
          .required("tokenType", string())
          .closed();

  static final Shape TEAM = either(string(), array(string()));

  /** An entity as the entity routes return it. */
  static final Shape ENTITY =
      object()
          .required("identifier", string())
          .optional("title", nullable(string()))
          .optional("icon", nullable(string()))
          .optional("team", TEAM)
          .required("properties", anyObject())
          .required("relations", anyObject())
          .optional("blueprint", string())
          .optional("createdAt", dateTime())
          .optional("createdBy", string())
          .optional("updatedAt", dateTime())
          .optional("updatedBy", string());

  static Shape envelope(String field, Shape shape) {
    return object().required("ok", value(true)).required(field, shape).closed();
  }

  static final Shape BLUEPRINT =
      object()
          .required("identifier", string())
          .required("title", string())
          .required(
              "schema",
              object().optional("properties", anyObject()).optional("required", array(string())))
          .required("createdBy", string())
          .required("updatedBy", string())
          .required("createdAt", dateTime())
          .required("updatedAt", dateTime())
          .optional("description", string())
          .optional("icon", string())
          .optional("relations", anyObject());

  static final Shape ACTION =
      object()
          .required("identifier", string())
          .required("trigger", anyObject())
          .required("invocationMethod", anyObject());

  private static final Shape REFERENCE =
      object()
          .required("identifier", string())
          .optional("title", nullable(string()))
          .optional("icon", nullable(string()))
          .optional("deleted", bool());

  /** A run as the run routes render it with {@code version=v2}. */
  static final Shape RUN =
      object()
          .required("id", string())
          .required("action", REFERENCE)
          .required("properties", anyObject())
          .required(
              "requiredApproval",
              either(bool(), object().required("type", oneOf(Set.of("ALL", "ANY")))))
          .required("source", either(string(), anyObject()))
          .required("status", string())
          .optional("blueprint", REFERENCE)
          .optional("entity", REFERENCE)
          .optional("rawProperties", anyObject())
          .optional("endedAt", dateTime())
          .optional("statusLabel", nullable(string()))
          .optional("link", either(string(), array(string())))
          .optional("summary", string())
          .optional("externalRunId", string())
          .optional("payload", nullable(anyObject()))
          .optional("response", either(string(), anyObject(), array(anyObject())))
          .optional("createdBy", string())
          .optional("updatedBy", string())
          .optional("createdAt", dateTime())
          .optional("updatedAt", dateTime());

  static final Shape RUN_LOG =
      object()
          .required("id", string())
          .required("runId", string())
          .required("message", string())
          .required("createdBy", string())
          .required("createdAt", dateTime());

  /** {@code POST /v1/entities/search}. */
  static final Shape SEARCH_ALL =
      object()
          .required("ok", value(true))
          .optional("matchingBlueprints", array(string()))
          .optional("failedBlueprints", array(string()))
          .required("entities", array(ENTITY))
          .closed();

  /** {@code POST /v1/blueprints/{bp}/entities/search}. */
  static final Shape SEARCH_BLUEPRINT =
      object()
          .required("ok", bool())
          .optional("next", string())
          .required("entities", array(ENTITY))
          .closed();

  /** {@code POST .../entities/bulk}, 200 and 207. */
  static final Shape BULK =
      object()
          .required("ok", bool())
          .required(
              "entities",
              array(
                  object()
                      .required("created", bool())
                      .required("identifier", string())
                      .required("index", number())
                      .optional("additionalData", anyObject())))
          .required(
              "errors",
              array(
                  object()
                      .required("identifier", string())
                      .required("index", number())
                      .required("statusCode", number())
                      .required("error", string())
                      .required("message", string())))
          .closed();

  /**
   * {@code GET /v1/audit-log}: the spec gives no 200 schema; the record fields are those of its
   * {@code includes} parameter (docs/decisions/0029-audit-log-records.md).
   */
  static final Shape AUDITS =
      envelope(
          "audits",
          array(
              object()
                  .required("identifier", string())
                  .required("action", oneOf(Set.of("CREATE", "UPDATE", "DELETE")))
                  .required("resourceType", string())
                  .required("status", oneOf(Set.of("SUCCESS", "FAILURE")))
                  .required(
                      "trigger",
                      object()
                          .required("at", dateTime())
                          .required("origin", string())
                          .required("by", anyObject()))
                  .required("context", anyObject())
                  .required(
                      "diff",
                      object()
                          .required("before", nullable(anyObject()))
                          .required("after", nullable(anyObject())))
                  .closed()));
}
