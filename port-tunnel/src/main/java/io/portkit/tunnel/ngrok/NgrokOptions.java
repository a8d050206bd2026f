package io.portkit.tunnel.ngrok;

import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the ngrok tunnel needs: the authtoken, and a static domain, an edge label or neither (a
 * random URL).
 *
 * <pre>{@code
 * NgrokOptions options = NgrokOptions.fromEnv();  // NGROK_AUTHTOKEN, NGROK_DOMAIN, NGROK_EDGE
 * NgrokOptions same = NgrokOptions.builder().authtoken(token).domain("demo.ngrok.app").build();
 * }</pre>
 *
 * <p>With an edge label ngrok does not report the edge's hostname, so the domain is then required
 * and used only as the public URL. Immutable and thread-safe; {@link #toString()} hides the
 * authtoken.
 */
public final class NgrokOptions {
  /** The environment variable holding the authtoken. */
  public static final String AUTHTOKEN_VARIABLE = "NGROK_AUTHTOKEN";

  /** The environment variable holding the static domain, for example {@code demo.ngrok.app}. */
  public static final String DOMAIN_VARIABLE = "NGROK_DOMAIN";

  /** The environment variable holding the edge: {@code edghts_...} or {@code key=value}. */
  public static final String EDGE_VARIABLE = "NGROK_EDGE";

  /** How long {@code open} waits for ngrok by default; a session normally connects in 1-3 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

  private final String authtoken;
  private final String domain;
  private final String edgeLabelKey;
  private final String edgeLabelValue;
  private final Duration connectTimeout;

  private NgrokOptions(Builder b) {
    this.authtoken = b.authtoken;
    this.domain = b.domain;
    this.edgeLabelKey = b.edgeLabelKey;
    this.edgeLabelValue = b.edgeLabelValue;
    this.connectTimeout = b.connectTimeout;
  }

  /** Returns an empty builder; {@link Builder#authtoken(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@value #AUTHTOKEN_VARIABLE}, {@value #DOMAIN_VARIABLE} and {@value #EDGE_VARIABLE} from
   * the process environment. This is the only place the environment is read.
   *
   * @throws TunnelException with {@link Reason#AUTHTOKEN_MISSING} if the authtoken is unset, or
   *     {@link Reason#CONFIGURATION} if the edge is malformed or has no domain
   */
  public static NgrokOptions fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Like {@link #fromEnv()}, reading from {@code environment}; blank values count as unset. */
  public static NgrokOptions fromEnv(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment == null");
    Builder builder = builder().authtoken(blankToNull(environment.get(AUTHTOKEN_VARIABLE)));
    String domain = blankToNull(environment.get(DOMAIN_VARIABLE));
    if (domain != null) {
      builder.domain(domain);
    }
    String edge = blankToNull(environment.get(EDGE_VARIABLE));
    if (edge != null) {
      builder.edge(edge);
    }
    return builder.build();
  }

  /** Returns the authtoken. Never log or print it. */
  String authtoken() {
    return authtoken;
  }

  /** Returns the static domain, or {@code null} for a random URL. */
  public @Nullable String domain() {
    return domain;
  }

  /** Returns the edge label's key, or {@code null} when not using an edge. */
  public @Nullable String edgeLabelKey() {
    return edgeLabelKey;
  }

  /** Returns the edge label's value, or {@code null} when not using an edge. */
  public @Nullable String edgeLabelValue() {
    return edgeLabelValue;
  }

  /** Returns true when the tunnel binds to an edge label rather than an endpoint. */
  public boolean usesEdge() {
    return edgeLabelKey != null;
  }

  /** Returns how long opening waits for ngrok before failing. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  @Override
  public String toString() {
    return "NgrokOptions[authtoken=***, domain="
        + domain
        + (usesEdge() ? ", edge=" + edgeLabelKey + "=" + edgeLabelValue : "")
        + ", connectTimeout="
        + connectTimeout
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Builds {@link NgrokOptions}. Not thread-safe. */
  public static final class Builder {
    private String authtoken;
    private String domain;
    private String edgeLabelKey;
    private String edgeLabelValue;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    private Builder() {}

    /**
     * Sets the authtoken from https://dashboard.ngrok.com/get-started/your-authtoken. A {@code
     * null} or blank value fails in {@link #build()} with {@link Reason#AUTHTOKEN_MISSING}.
     */
    public Builder authtoken(String authtoken) {
      this.authtoken = authtoken;
      return this;
    }

    /** Sets the static domain reserved on the account, for example {@code demo.ngrok.app}. */
    public Builder domain(String domain) {
      Objects.requireNonNull(domain, "domain == null");
      if (domain.isBlank() || domain.contains("/") || domain.contains(":")) {
        throw new TunnelException(
            Reason.CONFIGURATION,
            "domain must be a bare host name such as demo.ngrok.app (no scheme, port or path): "
                + domain);
      }
      this.domain = domain;
      return this;
    }

    /**
     * Binds to an edge: {@code edghts_...} means the label {@code edge=edghts_...}; {@code
     * key=value} is taken as the label itself.
     */
    public Builder edge(String edge) {
      Objects.requireNonNull(edge, "edge == null");
      int eq = edge.indexOf('=');
      if (eq < 0) {
        return edgeLabel("edge", edge);
      }
      return edgeLabel(edge.substring(0, eq), edge.substring(eq + 1));
    }

    /** Binds to the edge selected by the label {@code key=value}. */
    public Builder edgeLabel(String key, String value) {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(value, "value == null");
      if (key.isBlank() || value.isBlank()) {
        throw new TunnelException(
            Reason.CONFIGURATION,
            "edge label needs a key and a value, for example edge=edghts_2abc: "
                + key
                + "="
                + value);
      }
      this.edgeLabelKey = key.trim();
      this.edgeLabelValue = value.trim();
      return this;
    }

    /** Sets how long opening waits for ngrok; must be positive. */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout == null");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Returns the options.
     *
     * @throws TunnelException with {@link Reason#AUTHTOKEN_MISSING} without an authtoken, or {@link
     *     Reason#CONFIGURATION} for an edge without a domain
     */
    public NgrokOptions build() {
      if (authtoken == null || authtoken.isBlank()) {
        throw new TunnelException(Reason.AUTHTOKEN_MISSING, NgrokHints.AUTHTOKEN_MISSING);
      }
      if (edgeLabelKey != null && domain == null) {
        throw new TunnelException(
            Reason.CONFIGURATION,
            "an edge needs its domain too, because ngrok does not report the public URL of a"
                + " labeled tunnel: set "
                + DOMAIN_VARIABLE
                + " to the edge's hostname");
      }
      return new NgrokOptions(this);
    }
  }
}
