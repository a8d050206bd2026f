package io.portkit.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.auth.CachingTokenSource;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.auth.TokenSource;
import io.portkit.client.catalog.CatalogApi;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.client.internal.DaemonFlushScheduler;
import io.portkit.client.internal.HttpCatalogApi;
import io.portkit.client.internal.HttpEntitiesApi;
import io.portkit.client.internal.HttpRunsApi;
import io.portkit.client.internal.HttpWorkflowNodeRunsApi;
import io.portkit.client.internal.OrganizationBudget;
import io.portkit.client.internal.PortApi;
import io.portkit.client.internal.PortJson;
import io.portkit.client.internal.PortkitVersion;
import io.portkit.client.internal.RateGate;
import io.portkit.client.internal.RetryingSender;
import io.portkit.client.ratelimit.RateLimitBucket;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.ratelimit.RateLimitStatus;
import io.portkit.client.run.FlushScheduler;
import io.portkit.client.run.RunContext;
import io.portkit.client.run.RunsApi;
import io.portkit.client.run.WriteCoalescing;
import io.portkit.client.workflow.NodeRunContext;
import io.portkit.client.workflow.WorkflowNodeRunsApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A client for Port's REST API: action runs, entities, blueprints and actions, with token caching,
 * retries and typed errors.
 *
 * <pre>{@code
 * PortClient port = PortClient.builder()
 *     .credentials(ClientCredentials.fromEnv())   // PORT_CLIENT_ID, PORT_CLIENT_SECRET
 *     .baseUri(PortClient.US_API)                 // default: EU_API
 *     .build();
 * RunContext run = port.runContext("r_QOz6WoOB1Q2lmhZZ");
 * run.addLink("https://ci.example.com/build/42");
 * run.succeed("Deployed");
 * }</pre>
 *
 * <p>Immutable and thread-safe; create one per credentials and share it. Every call may throw a
 * {@link PortException}: {@link PortApiException} for a non-2xx answer, {@link
 * PortAuthenticationException} when Port refuses the credentials, {@link PortTransportException}
 * when Port cannot be reached. Retried: 408, 429, 502, 503, 504 and connection failures, as the
 * {@link RetryPolicy} allows; starting a run is not retried once the request may have reached Port.
 *
 * <p>Port's rate limit is per organization: every client of the process with the same base URI and
 * client id shares one budget ({@link #rateLimit()}), read from the headers of every answer. When
 * it runs low, calls wait for the next window in order of {@link
 * io.portkit.client.ratelimit.CallPriority} (final statuses first, logs last), and a 429 is waited
 * out as {@link RateLimitPolicy} allows.
 *
 * <p>Run contexts hold label, link and summary writes up to {@link
 * Builder#DEFAULT_WRITE_COALESCING} to merge them with the writes that follow ({@link
 * WriteCoalescing}; {@link Builder#writeCoalescing} sets or turns it off). {@link #close()} stops
 * the client's flush timer; a client that is never closed keeps no thread alive once idle.
 */
public final class PortClient implements AutoCloseable {
  /** Port's API in the EU region (the default). */
  public static final URI EU_API = URI.create("https://api.port.io");

  /** Port's API in the US region. */
  public static final URI US_API = URI.create("https://api.us.port.io");

  /** The legacy EU host, still used by Port's own tools. */
  public static final URI LEGACY_EU_API = URI.create("https://api.getport.io");

  /** The legacy US host, still used by Port's own tools. */
  public static final URI LEGACY_US_API = URI.create("https://api.us.getport.io");

  private final Builder config;
  private final RunsApi runs;
  private final EntitiesApi entities;
  private final CatalogApi catalog;
  private final WorkflowNodeRunsApi nodeRuns;
  private final TokenSource tokens;
  private final RateGate gate;
  private final WriteCoalescing coalescing;
  private final @Nullable DaemonFlushScheduler ownScheduler;

  private PortClient(Builder b) {
    this.config = b.copy();
    this.ownScheduler = b.flushScheduler == null ? new DaemonFlushScheduler() : null;
    Duration delay = b.writeCoalescing;
    Duration whenLow =
        delay.compareTo(Builder.LOW_BUDGET_WRITE_COALESCING) > 0
            ? delay
            : Builder.LOW_BUDGET_WRITE_COALESCING;
    // Read per batch: while the organization's budget is low, writes are held longer, so more of
    // them ride on the log lines and final status that follow (ADR 0226).
    this.coalescing =
        delay.isZero()
            ? WriteCoalescing.off()
            : WriteCoalescing.of(
                () -> rateLimit().isLow() ? whenLow : delay,
                b.flushScheduler != null ? b.flushScheduler : ownScheduler);
    HttpClient http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    ObjectMapper mapper = PortJson.newMapper();
    // One budget per organization in the process: same base URI, same credentials (ADR 0225).
    OrganizationBudget organization =
        b.credentials != null
            ? OrganizationBudget.shared(b.baseUri.toString(), b.credentials.clientId())
            : OrganizationBudget.sharedBy(b.tokenSource);
    this.gate = new RateGate(organization, b.rateLimitPolicy, b.clock, b.sleeper);
    RetryingSender sender =
        new RetryingSender(
            http,
            b.baseUri,
            b.requestTimeout,
            userAgent(),
            mapper,
            b.clock,
            b.sleeper,
            b.retryPolicy,
            b.random,
            gate);
    TokenSource tokens =
        b.tokenSource != null
            ? b.tokenSource
            : CachingTokenSource.builder(
                    PortApi.tokenFetcher(sender, mapper, b.credentials, b.clock))
                .clock(b.clock)
                .build();
    this.tokens = tokens;
    PortApi api = new PortApi(sender, mapper, tokens);
    this.runs = new HttpRunsApi(api);
    this.entities = new HttpEntitiesApi(api);
    this.catalog = new HttpCatalogApi(api);
    this.nodeRuns = new HttpWorkflowNodeRunsApi(api);
  }

  /** Returns a builder with defaults: EU region, 10 s connect, 30 s request timeout. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this client's settings, for a variant (another region, ...). */
  public Builder newBuilder() {
    return config.copy();
  }

  /** Returns the User-Agent sent with every request, for example {@code portkit/0.1.0 ...}. */
  public static String userAgent() {
    return "portkit/"
        + PortkitVersion.get()
        + " (port-client; Java "
        + System.getProperty("java.version")
        + ")";
  }

  /**
   * Obtains an access token now (or finds a valid one cached), so that a wrong client id or secret
   * shows when a backend starts rather than at its first run. The token is kept for the calls that
   * follow.
   *
   * @throws PortAuthenticationException if Port refuses the credentials
   * @throws PortException if Port cannot be reached or answers otherwise
   */
  public void checkCredentials() {
    tokens.token();
  }

  /** Returns the base URI requests go to. */
  public URI baseUri() {
    return config.baseUri;
  }

  /**
   * Returns how long its run contexts may hold a write to merge it with the next ({@link
   * Builder#writeCoalescing}); {@link Duration#ZERO} when coalescing is off.
   */
  public Duration writeCoalescing() {
    return config.writeCoalescing;
  }

  /**
   * Returns the budget of Port's rate limit that action runs, workflow node runs and the catalog
   * draw on, as this process sees it; shared by every client with the same base URI and client id.
   */
  public RateLimitStatus rateLimit() {
    return rateLimit(RateLimitBucket.GENERAL);
  }

  /** Returns the rate-limit budget {@code bucket}; see {@link #rateLimit()}. */
  public RateLimitStatus rateLimit(RateLimitBucket bucket) {
    return gate.status(Objects.requireNonNull(bucket, "bucket == null"));
  }

  /** Returns the action-run routes. */
  public RunsApi runs() {
    return runs;
  }

  /** Returns the entity routes. */
  public EntitiesApi entities() {
    return entities;
  }

  /** Returns the blueprint and action routes. */
  public CatalogApi catalog() {
    return catalog;
  }

  /** Returns the workflow node-run routes (Port Workflows, beta). */
  public WorkflowNodeRunsApi workflowNodeRuns() {
    return nodeRuns;
  }

  /** Returns a reporter for {@code runId} of an asynchronous action ({@code Mode.ASYNC}). */
  public RunContext runContext(String runId) {
    return runContext(runId, RunContext.Mode.ASYNC);
  }

  /**
   * Returns a reporter for {@code runId} in {@code mode}; see {@link RunContext}. A workflow node
   * run id ({@code wfnr_...}) gets a {@link NodeRunContext}, which reports through the node-run
   * routes.
   */
  public RunContext runContext(String runId, RunContext.Mode mode) {
    Objects.requireNonNull(runId, "runId == null");
    if (runId.startsWith("wfnr_")) {
      return nodeRunContext(runId, mode);
    }
    return RunContext.of(runId, mode, runs, entities, coalescing);
  }

  /** Returns a reporter for the workflow node run {@code nodeRunId} in {@code mode}. */
  public NodeRunContext nodeRunContext(String nodeRunId, RunContext.Mode mode) {
    return NodeRunContext.of(nodeRunId, mode, nodeRuns, entities);
  }

  /**
   * Stops the client's flush timer: writes already held are still sent when due (within the
   * coalescing delay), later ones are sent at once. Does not wait, and leaves a {@link
   * Builder#flushScheduler} given to the builder alone. The client's API calls keep working.
   */
  @Override
  public void close() {
    if (ownScheduler != null) {
      ownScheduler.close();
    }
  }

  @Override
  public String toString() {
    return "PortClient[baseUri=" + config.baseUri + "]";
  }

  /**
   * Configures a {@link PortClient}. Not thread-safe. Credentials (or a token source) are required;
   * everything else has a default.
   */
  public static final class Builder {
    /** How long a run context may hold a write to merge it with the next: 250 ms. */
    public static final Duration DEFAULT_WRITE_COALESCING = Duration.ofMillis(250);

    /**
     * How long a run context holds a write while the rate-limit budget is low ({@link
     * io.portkit.client.ratelimit.RateLimitStatus#isLow()}): 2 s, or the coalescing delay if that
     * is longer. Labels and links then ride on more of the log lines that follow, and fewer calls
     * compete for what is left of the window. Not used when coalescing is off.
     */
    public static final Duration LOW_BUDGET_WRITE_COALESCING = Duration.ofSeconds(2);

    private URI baseUri = EU_API;
    private ClientCredentials credentials;
    private TokenSource tokenSource;
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Random random = new Random();
    private RateLimitPolicy rateLimitPolicy = RateLimitPolicy.DEFAULT;
    private Duration writeCoalescing = DEFAULT_WRITE_COALESCING;
    private FlushScheduler flushScheduler;

    private Builder() {}

    /**
     * Sets the API base URI: {@link #EU_API}, {@link #US_API}, a legacy host or an emulator.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URI
     */
    public Builder baseUri(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri == null");
      String scheme = baseUri.getScheme();
      if (!baseUri.isAbsolute()
          || baseUri.getHost() == null
          || !("http".equals(scheme) || "https".equals(scheme))) {
        throw new IllegalArgumentException(
            "baseUri must be an absolute http(s) URI such as https://api.port.io: " + baseUri);
      }
      this.baseUri = baseUri;
      return this;
    }

    /** Sets the credentials exchanged for access tokens. */
    public Builder credentials(ClientCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /** Replaces the token logic entirely (credentials are then not needed). */
    public Builder tokenSource(TokenSource tokenSource) {
      this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource == null");
      return this;
    }

    /** Uses {@code httpClient} (proxy, TLS, executor); the connect timeout is then its own. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
      return this;
    }

    /** Sets the connect timeout of the default HTTP client; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Sets the timeout of each attempt, until the response headers arrive; default 30 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** Sets the clock for token expiry and retry budgets; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Sets how retry waits are performed; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** Sets the retry policy; default {@link RetryPolicy#DEFAULT}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /**
     * Sets how the rate-limit budget is spent: the reserve kept for final statuses, the longest a
     * call waits for the budget or out a 429; default {@link RateLimitPolicy#DEFAULT}.
     */
    public Builder rateLimitPolicy(RateLimitPolicy rateLimitPolicy) {
      this.rateLimitPolicy = Objects.requireNonNull(rateLimitPolicy, "rateLimitPolicy == null");
      return this;
    }

    /** Sets the source of backoff jitter; default a new {@link Random}. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Sets how long a {@link RunContext} may hold a status label, link, summary or external-id
     * write to merge it with the writes that follow (ADR 0220); default {@link
     * #DEFAULT_WRITE_COALESCING}. {@link Duration#ZERO} turns coalescing off: every write is sent
     * as it is made. A longer delay merges more when a handler's steps are far apart, and shows a
     * label set before a long step that much later.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder writeCoalescing(Duration maxDelay) {
      Objects.requireNonNull(maxDelay, "maxDelay == null");
      if (maxDelay.isNegative()) {
        throw new IllegalArgumentException(
            "writeCoalescing must be zero (off) or positive, such as 250 ms: " + maxDelay);
      }
      this.writeCoalescing = maxDelay;
      return this;
    }

    /**
     * Runs the deferred flushes of held writes on {@code scheduler} instead of the client's own
     * daemon timer, for example a scheduler a test fires by hand. The client does not close it.
     */
    public Builder flushScheduler(FlushScheduler scheduler) {
      this.flushScheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Returns the client.
     *
     * @throws IllegalStateException if neither credentials nor a token source were given
     */
    public PortClient build() {
      if (credentials == null && tokenSource == null) {
        throw new IllegalStateException(
            "credentials required: call credentials(...)"
                + " or credentials(ClientCredentials.fromEnv())");
      }
      return new PortClient(this);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.baseUri = baseUri;
      b.credentials = credentials;
      b.tokenSource = tokenSource;
      b.httpClient = httpClient;
      b.connectTimeout = connectTimeout;
      b.requestTimeout = requestTimeout;
      b.clock = clock;
      b.sleeper = sleeper;
      b.retryPolicy = retryPolicy;
      b.random = random;
      b.rateLimitPolicy = rateLimitPolicy;
      b.writeCoalescing = writeCoalescing;
      b.flushScheduler = flushScheduler;
      return b;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
