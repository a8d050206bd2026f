package io.portkit.testkit.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One signed webhook request for {@link WebhookSender}: URL, method, headers, the body bytes sent,
 * the bytes signed, the signing secret and how the timestamp relates to the sender's clock.
 *
 * <pre>{@code
 * OutgoingWebhook hook = OutgoingWebhook.to(receiverUri)
 *     .secret(clientSecret)
 *     .body(json)                        // compact JSON, signed as sent
 *     .header("RUN_ID", runId)
 *     .build();
 * OutgoingWebhook agent = hook.newBuilder().agentStyleBody(json).build();   // spaced, signed compact
 * OutgoingWebhook stale = hook.newBuilder().timestampSkew(Duration.ofMinutes(-10)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The secret never appears in {@link #toString()}.
 */
public final class OutgoingWebhook {
  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "GET", "DELETE");
  // Headers the sender sets itself; the JDK client also refuses some of them.
  private static final Set<String> RESERVED =
      Set.of(
          "x-port-timestamp",
          "x-port-signature",
          "content-length",
          "host",
          "connection",
          "upgrade",
          "expect");

  private final URI url;
  private final String method;
  private final Map<String, String> headers;
  private final byte[] body;
  private final byte[] signedBody;
  private final String secret;
  private final Duration timestampSkew;

  private OutgoingWebhook(Builder builder) {
    this.url = builder.url;
    this.method = builder.method;
    this.headers = Map.copyOf(builder.headers);
    this.body = builder.body;
    this.signedBody = builder.signedBody;
    this.secret = builder.secret;
    this.timestampSkew = builder.timestampSkew;
  }

  /**
   * Starts a request to {@code url}, an absolute http or https URI.
   *
   * @throws IllegalArgumentException if {@code url} is not absolute http(s)
   */
  public static Builder to(URI url) {
    return new Builder(url);
  }

  /** Returns a builder holding this request's settings. */
  public Builder newBuilder() {
    Builder builder = new Builder(url);
    builder.method = method;
    builder.headers.putAll(headers);
    builder.body = body;
    builder.signedBody = signedBody;
    builder.secret = secret;
    builder.timestampSkew = timestampSkew;
    return builder;
  }

  /** Returns the target URL. */
  public URI url() {
    return url;
  }

  /** Returns the HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** Returns the extra headers (not including content type and signature headers). */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns a copy of the body bytes sent. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns a copy of the bytes the signature covers (the body unless set otherwise). */
  public byte[] signedBody() {
    return signedBody.clone();
  }

  byte[] bodyBytes() {
    return body;
  }

  byte[] signedBytes() {
    return signedBody;
  }

  String secret() {
    return secret;
  }

  /**
   * Returns how far the signed timestamp is moved from the sender's clock (negative: in the past).
   */
  public Duration timestampSkew() {
    return timestampSkew;
  }

  @Override
  public String toString() {
    return "OutgoingWebhook["
        + method
        + " "
        + url
        + ", "
        + body.length
        + " bytes"
        + (Arrays.equals(body, signedBody) ? "" : ", signed over other bytes")
        + (timestampSkew.isZero() ? "" : ", timestampSkew=" + timestampSkew)
        + ", secret=***]";
  }

  /** Builds an {@link OutgoingWebhook}. Not thread-safe. */
  public static final class Builder {
    private final URI url;
    private String method = "POST";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private byte[] signedBody;
    private String secret;
    private Duration timestampSkew = Duration.ZERO;

    private Builder(URI url) {
      Objects.requireNonNull(url, "url == null");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!url.isAbsolute()
          || !(scheme.equals("http") || scheme.equals("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "url must be an absolute http or https URI with a host: " + url);
      }
      this.url = url;
    }

    /**
     * Sets the HTTP method (default POST).
     *
     * @throws IllegalArgumentException unless one of POST, PUT, PATCH, GET, DELETE (any case)
     */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method == null");
      String upper = method.toUpperCase(Locale.ROOT);
      if (!METHODS.contains(upper)) {
        throw new IllegalArgumentException(
            "method must be one of " + METHODS + ", got \"" + method + "\"");
      }
      this.method = upper;
      return this;
    }

    /**
     * Adds a header, replacing one of the same name.
     *
     * @throws IllegalArgumentException for a header the sender sets itself (signature, timestamp,
     *     content-length, host, connection, upgrade, expect)
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "header \""
                + name
                + "\" is set by the sender; use secret(wrongSecret),"
                + " timestampSkew or signedBody to send a bad signature on purpose");
      }
      headers.put(name, value);
      return this;
    }

    /** Sends and signs exactly {@code body}. */
    public Builder body(byte[] body) {
      Objects.requireNonNull(body, "body == null");
      this.body = body.clone();
      this.signedBody = this.body;
      return this;
    }

    /** Sends and signs the compact JSON of {@code body}, non-ASCII kept as UTF-8, as Port does. */
    public Builder body(JsonNode body) {
      Objects.requireNonNull(body, "body == null");
      return body(JsonBodies.compact(body));
    }

    /**
     * Sends {@code body} the way Port's execution agent does: Python {@code requests(json=...)}
     * bytes ({@code ", "} and {@code ": "} separators, non-ASCII escaped), signed over the compact
     * ASCII-escaped form. A verifier accepts it only with its agent fallback on.
     */
    public Builder agentStyleBody(JsonNode body) {
      Objects.requireNonNull(body, "body == null");
      this.body = JsonBodies.pythonSpaced(body);
      this.signedBody = JsonBodies.compactAscii(body);
      return this;
    }

    /**
     * Signs {@code signedBody} instead of the body sent, to test tampered or re-serialized bodies.
     */
    public Builder signedBody(byte[] signedBody) {
      Objects.requireNonNull(signedBody, "signedBody == null");
      this.signedBody = signedBody.clone();
      return this;
    }

    /**
     * Sets the signing secret: Port's client secret, or a wrong one to test rejection.
     *
     * @throws IllegalArgumentException if empty
     */
    public Builder secret(String secret) {
      Objects.requireNonNull(secret, "secret == null");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("secret is empty: pass the Port client secret");
      }
      this.secret = secret;
      return this;
    }

    /** Moves the signed timestamp from the sender's clock; {@code -10m} sends a stale request. */
    public Builder timestampSkew(Duration skew) {
      this.timestampSkew = Objects.requireNonNull(skew, "skew == null");
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalStateException if no body or no secret was set
     */
    public OutgoingWebhook build() {
      if (body == null) {
        throw new IllegalStateException(
            "no body: call body(...) or agentStyleBody(...) before build()");
      }
      if (secret == null) {
        throw new IllegalStateException("no secret: call secret(clientSecret) before build()");
      }
      return new OutgoingWebhook(this);
    }

    @Override
    public String toString() {
      return "OutgoingWebhook.Builder["
          + method
          + " "
          + url
          + ", secret="
          + (secret == null ? "unset" : "***")
          + "]";
    }
  }
}
