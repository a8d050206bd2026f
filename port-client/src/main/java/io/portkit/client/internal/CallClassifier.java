package io.portkit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitBucket;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells from a call's method, path and body which rate-limit budget it draws on, how urgent it is,
 * and which action run it reports on, so that callers never have to say (ADR 0226).
 */
public final class CallClassifier {
  private static final Pattern RUN = Pattern.compile("^/v1/actions/runs/([^/]+)(/logs)?$");
  private static final Pattern NODE_RUN =
      Pattern.compile("^/v1/workflows/nodes/runs/[^/]+(/logs)?$");
  private static final Pattern CREATE_RUN = Pattern.compile("^/v1/actions/[^/]+/runs$");

  private CallClassifier() {}

  /** Returns the budget {@code call} is counted in. */
  public static RateLimitBucket bucket(ApiCall call) {
    String path = call.path();
    if (path.equals(PortApi.TOKEN_PATH)) {
      return RateLimitBucket.UNAUTHENTICATED;
    }
    if (path.startsWith("/v1/entities") || isBlueprintEntities(path)) {
      return RateLimitBucket.ENTITIES;
    }
    return RateLimitBucket.GENERAL;
  }

  /** Returns how urgent {@code call} is when the budget runs low. */
  public static CallPriority priority(ApiCall call) {
    String path = call.path();
    String method = call.method();
    if (path.equals(PortApi.TOKEN_PATH)) {
      return CallPriority.AUTHENTICATION;
    }
    Matcher run = RUN.matcher(path);
    if (run.matches() && !method.equals("GET")) {
      boolean logs = run.group(2) != null;
      if (logs) {
        return has(call.body(), "terminationStatus") ? CallPriority.FINAL_STATUS : CallPriority.LOG;
      }
      return has(call.body(), "status") ? CallPriority.FINAL_STATUS : CallPriority.RUN_UPDATE;
    }
    Matcher node = NODE_RUN.matcher(path);
    if (node.matches() && !method.equals("GET")) {
      if (node.group(1) != null) {
        return CallPriority.LOG;
      }
      return endsNodeRun(call.body()) ? CallPriority.FINAL_STATUS : CallPriority.RUN_UPDATE;
    }
    if (method.equals("GET") || path.equals("/v1/entities/search") || path.endsWith("/search")) {
      return CallPriority.READ;
    }
    if (bucket(call) == RateLimitBucket.ENTITIES || CREATE_RUN.matcher(path).matches()) {
      return CallPriority.ENTITY_WRITE;
    }
    return CallPriority.RUN_UPDATE;
  }

  /** Returns the action run {@code call} writes to (its log or its PATCH), if any. */
  public static Optional<String> runId(ApiCall call) {
    Matcher run = RUN.matcher(call.path());
    if (!run.matches() || call.method().equals("GET")) {
      return Optional.empty();
    }
    return Optional.of(run.group(1));
  }

  /** Returns whether {@code call} adds a log line to an action run. */
  public static boolean isRunLog(ApiCall call) {
    Matcher run = RUN.matcher(call.path());
    return run.matches() && run.group(2) != null && call.method().equals("POST");
  }

  private static boolean isBlueprintEntities(String path) {
    if (!path.startsWith("/v1/blueprints/")) {
      return false;
    }
    int next = path.indexOf('/', "/v1/blueprints/".length());
    return next > 0 && path.startsWith("/entities", next);
  }

  // A node run ends with status COMPLETED (and a result); IN_PROGRESS or no status is progress.
  private static boolean endsNodeRun(JsonNode body) {
    if (body == null) {
      return false;
    }
    JsonNode status = body.get("status");
    return (status != null && !status.asText().equals("IN_PROGRESS")) || has(body, "result");
  }

  private static boolean has(JsonNode body, String field) {
    return body != null && body.hasNonNull(field);
  }
}
