package io.portkit.webhook.http;

import io.portkit.backend.callback.HandOffCallback;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.dispatch.HandOffs;
import io.portkit.backend.dispatch.IntakeRejection;
import io.portkit.backend.dispatch.InvocationDispatcher;
import io.portkit.backend.dispatch.RunListener;
import io.portkit.backend.invocation.PayloadException;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.invocation.SignatureException;
import io.portkit.backend.invocation.SignatureVerifier;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework-neutral webhook core: routes a {@link WebhookRequest} and returns the {@link
 * WebhookResponse} to send, so any HTTP stack can host it.
 *
 * <p>Routes, with {@code base} the configured base path (default {@code /}):
 *
 * <ul>
 *   <li>{@code POST base}: verify, parse, hand the run to the {@link InvocationDispatcher}, answer
 *       with its {@link DispatchOutcome};
 *   <li>{@code POST base/manual}, only when {@link Builder#manualRoute(boolean) manualRoute(true)}
 *       was set: verify, parse and acknowledge (202) without dispatching, and log the run id so a
 *       person can run it by hand (nothing ends such a run: off by default, ADR 0136);
 *   <li>{@code GET /healthz}: 200 {@code {"ok":true}};
 *   <li>{@code POST <path>} of each {@link Builder#callback hand-off callback}: another system's
 *       signed completion of a handed-off run, verified with the callback's own secret.
 * </ul>
 *
 * <p>Bad input never gets a 500: 401 when verification fails, 400 for a body that is not JSON or
 * has no run id, 405 (with {@code Allow}) for a wrong method, 404 for an unknown path, 413 for a
 * body over the limit (enforced while reading), 415 for a {@code Content-Type} that is present and
 * not JSON. Errors are {@code {"ok":false,"error":"<code>","message":"<what to do>"}}. An exception
 * from the dispatcher is our bug: logged and answered 500 with a generic message.
 *
 * <p>Logs one INFO line per delivery, and only one: run id, action, outcome, milliseconds; never a
 * secret, a signature or a body. Immutable and thread-safe.
 */
public final class WebhookEndpoint {
  /** Default largest accepted body, in bytes (1 MiB, as Port's own API limit). */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** The health-check path. */
  public static final String HEALTH_PATH = "/healthz";

  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  private final String basePath;
  private final String manualPath; // null: the manual route is off
  private final SignatureVerifier verifier;
  private final InvocationDispatcher dispatcher;
  private final RunInvocationParser parser;
  private final int maxBodyBytes;
  private final Map<String, CallbackRoute> callbacks;
  private final RunListener listener;

  private WebhookEndpoint(Builder b) {
    this.basePath = b.basePath;
    this.manualPath =
        !b.manualRoute ? null : b.basePath.equals("/") ? "/manual" : b.basePath + "/manual";
    this.verifier = b.verifier;
    this.dispatcher = b.dispatcher;
    this.parser = b.parser;
    this.maxBodyBytes = b.maxBodyBytes;
    this.callbacks = Map.copyOf(b.callbacks);
    this.listener = b.listener;
  }

  /** Returns the dispatcher that verified, parsed runs are handed to. */
  public InvocationDispatcher dispatcher() {
    return dispatcher;
  }

  /** Returns a builder; a verifier and a dispatcher are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the base path deliveries are posted to, for example {@code /} or {@code /port}. */
  public String basePath() {
    return basePath;
  }

  /** Returns the largest accepted body, in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Returns whether {@code POST base/manual} acknowledges runs without running them. */
  public boolean manualRoute() {
    return manualPath != null;
  }

  /**
   * Handles one request. Reads at most {@code maxBodyBytes + 1} bytes of its body; never throws for
   * bad input.
   */
  public WebhookResponse handle(WebhookRequest request) {
    Objects.requireNonNull(request, "request == null");
    String path = normalize(request.path());
    String method = request.method().toUpperCase(Locale.ROOT);
    if (path.equals(HEALTH_PATH) && !path.equals(basePath)) {
      return method.equals("GET") || method.equals("HEAD")
          ? Responses.ok(200, null, null)
          : methodNotAllowed("GET, HEAD", method, path);
    }
    CallbackRoute callback = callbacks.get(path);
    if (callback != null) {
      WebhookResponse answer = callback.handle(request, method, maxBodyBytes);
      log.info("callback {} on {}: status={}", callback.name(), path, answer.status());
      return answer;
    }
    boolean manual = path.equals(manualPath);
    if (!manual && !path.equals(basePath)) {
      return Responses.error(
          404,
          "not_found",
          "no route " + shorten(path) + ": Port deliveries go to POST " + basePath);
    }
    if (!method.equals("POST")) {
      return methodNotAllowed("POST", method, path);
    }
    long start = System.nanoTime();
    Delivery delivery = deliver(request, manual);
    if (delivery.bodyRejected()) {
      countBodyRejection();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info(
        "webhook {} run={} action={} outcome={} status={} in {} ms",
        manual ? "manual" : "delivery",
        delivery.runId,
        delivery.action,
        delivery.outcome,
        delivery.response.status(),
        millis);
    return delivery.response;
  }

  private Delivery deliver(WebhookRequest request, boolean manual) {
    Optional<String> type = request.headers().first("Content-Type");
    if (type.isPresent() && !isJson(type.get())) {
      return Delivery.rejected(
          Responses.error(
              415,
              "unsupported_media_type",
              "Content-Type must be application/json, got "
                  + shorten(type.get())
                  + ": send the webhook body as JSON"),
          "unsupported_media_type");
    }
    byte[] body;
    try {
      body = BodyReader.readBounded(request.body(), request.declaredLength(), maxBodyBytes);
    } catch (IOException e) {
      return Delivery.rejected(
          Responses.error(
              400,
              "unreadable_body",
              "the request body could not be read: " + e.getClass().getSimpleName()),
          "unreadable_body");
    }
    if (body == null) {
      return Delivery.rejected(
          Responses.error(
              413,
              "payload_too_large",
              "body is larger than " + maxBodyBytes + " bytes: raise maxBodyBytes or send less",
              Map.of("Connection", "close")),
          "payload_too_large");
    }
    return verifyParseDispatch(request.headers(), body, manual);
  }

  private Delivery verifyParseDispatch(RequestHeaders headers, byte[] body, boolean manual) {
    RunInvocation invocation;
    try {
      verifier.verify(headers, body);
      invocation = parser.parse(headers, body);
    } catch (SignatureException e) {
      log.warn("webhook rejected: {} ({})", e.reason(), e.getMessage());
      return Delivery.rejected(
          Responses.error(401, "unauthorized", e.getMessage()), "unauthorized:" + e.reason());
    } catch (PayloadException e) {
      return Delivery.rejected(Responses.error(400, "bad_request", e.getMessage()), "bad_request");
    }
    if (manual) {
      // The delivery's one log line says it: "webhook manual run=r_… outcome=manual:not-run".
      return new Delivery(
          Responses.ok(202, invocation.runId(), "manual"), invocation, "manual:not-run");
    }
    return dispatch(invocation);
  }

  private Delivery dispatch(RunInvocation invocation) {
    DispatchOutcome outcome;
    try {
      outcome = Objects.requireNonNull(dispatcher.dispatch(invocation), "dispatcher returned null");
    } catch (RuntimeException e) {
      log.error("dispatcher failed for run {}", invocation.runId(), e);
      return new Delivery(
          Responses.error(
              500,
              "internal_error",
              "the receiver failed while dispatching run "
                  + invocation.runId()
                  + "; see the receiver's log"),
          invocation,
          "error");
    }
    return new Delivery(
        OutcomeMapper.toResponse(invocation.runId(), outcome),
        invocation,
        OutcomeMapper.label(outcome));
  }

  private void countBodyRejection() {
    try {
      listener.intakeRejected(IntakeRejection.BODY);
    } catch (RuntimeException e) {
      log.warn("run listener failed on a body rejection (ignored): {}", e.toString());
    }
  }

  private static WebhookResponse methodNotAllowed(String allow, String method, String path) {
    return Responses.error(
        405,
        "method_not_allowed",
        method + " is not allowed on " + path + ": use " + allow,
        Map.of("Allow", allow));
  }

  static boolean isJson(String contentType) {
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return media.equals("application/json")
        || (media.startsWith("application/") && media.endsWith("+json"));
  }

  private static String normalize(String path) {
    String p = path.isEmpty() ? "/" : path;
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static String shorten(String s) {
    // Echoed into the response and the log: keep it short and printable.
    String cut = s.length() <= 60 ? s : s.substring(0, 60) + "...";
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }

  /** The response to one delivery plus what the log line needs. */
  private record Delivery(WebhookResponse response, String runId, String action, String outcome) {
    Delivery(WebhookResponse response, RunInvocation run, String outcome) {
      this(response, run.runId(), run.actionIdentifier().orElse("-"), outcome);
    }

    static Delivery rejected(WebhookResponse response, String outcome) {
      return new Delivery(response, "-", "-", outcome);
    }

    /** Whether the body was refused before verification counted it (400, 413, 415). */
    boolean bodyRejected() {
      int status = response.status();
      return runId.equals("-") && (status == 400 || status == 413 || status == 415);
    }
  }

  /** Configures a {@link WebhookEndpoint}. Not thread-safe. */
  public static final class Builder {
    private String basePath = "/";
    private SignatureVerifier verifier;
    private InvocationDispatcher dispatcher;
    private RunInvocationParser parser = new RunInvocationParser();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private final Map<String, CallbackRoute> callbacks = new LinkedHashMap<>();
    private boolean manualRoute;
    private RunListener listener = RunListener.NONE;

    private Builder() {}

    /**
     * Serves {@code callback} on {@code POST path}: another system's signed completion of a run a
     * handler handed off, applied to {@code handOffs} (a backend's {@code handOffs()}).
     *
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}, or is taken
     */
    public Builder callback(String path, HandOffCallback callback, HandOffs handOffs) {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(callback, "callback == null");
      Objects.requireNonNull(handOffs, "handOffs == null");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("callback path must start with /: " + path);
      }
      String normalized = normalize(path);
      if (callbacks.containsKey(normalized) || normalized.equals(HEALTH_PATH)) {
        throw new IllegalArgumentException("callback path " + normalized + " is taken");
      }
      callbacks.put(normalized, new CallbackRoute(callback, handOffs));
      return this;
    }

    /**
     * Turns on {@code POST base/manual}: verify and acknowledge 202 without running anything, for a
     * person to finish the run by hand. Default off, since a run acknowledged there stays
     * IN_PROGRESS in Port until someone ends it; when off the path answers 404.
     */
    public Builder manualRoute(boolean enabled) {
      this.manualRoute = enabled;
      return this;
    }

    /** Sets the path Port posts to; default {@code /}. Must start with {@code /}. */
    public Builder basePath(String basePath) {
      Objects.requireNonNull(basePath, "basePath == null");
      if (!basePath.startsWith("/")) {
        throw new IllegalArgumentException("basePath must start with /: " + basePath);
      }
      this.basePath = normalize(basePath);
      return this;
    }

    /** Sets the verifier that checks Port's signature. Required. */
    public Builder verifier(SignatureVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier == null");
      return this;
    }

    /** Sets where verified runs go. Required. */
    public Builder dispatcher(InvocationDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
      return this;
    }

    /** Sets the body parser; default a new {@link RunInvocationParser}. */
    public Builder parser(RunInvocationParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser == null");
      return this;
    }

    /**
     * Sets the listener told of each delivery refused for its body ({@link IntakeRejection#BODY}:
     * 400, 413, 415); default none. {@code WebhookReceiver.Builder.backend(...)} and {@code
     * PortWebhookServlet(backend, path)} set the backend's, so the metrics count them.
     */
    public Builder listener(RunListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Sets the largest accepted body in bytes; default 1 MiB. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Builds the endpoint.
     *
     * @throws IllegalStateException if the verifier or dispatcher is missing
     */
    public WebhookEndpoint build() {
      if (verifier == null) {
        throw new IllegalStateException(
            "verifier required: call verifier(SignatureVerifier.builder().addSecret(...).build())");
      }
      if (dispatcher == null) {
        throw new IllegalStateException("dispatcher required: call dispatcher(...)");
      }
      String manual = basePath.equals("/") ? "/manual" : basePath + "/manual";
      if (callbacks.containsKey(basePath) || callbacks.containsKey(manual)) {
        throw new IllegalStateException(
            "a callback path is the delivery path " + basePath + ": give callbacks their own path");
      }
      return new WebhookEndpoint(this);
    }
  }
}
