package io.portkit.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.portkit.backend.PortBackend;
import io.portkit.backend.dispatch.EndedRun;
import io.portkit.backend.dispatch.IntakeRejection;
import io.portkit.backend.dispatch.RunListener;
import io.portkit.client.PortClient;
import io.portkit.client.Sleeper;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitBucket;
import io.portkit.micrometer.internal.MeteredHttpClient;
import io.portkit.micrometer.internal.MeteredSleeper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Micrometer meters for a portkit backend, with or without Spring. One instance per backend:
 *
 * <pre>{@code
 * PortkitMetrics metrics = PortkitMetrics.builder(registry).transport("webhook").build();
 * PortBackend backend = metrics.instrument(PortBackend.builder()
 *         .credentials(ClientCredentials.fromEnv())
 *         .handle("deploy", deploy))
 *     .build();
 * metrics.bind(backend); // the in-flight and capacity gauges
 * }</pre>
 *
 * <p>Meters (all tagged {@code transport}, plus the builder's common tags):
 *
 * <ul>
 *   <li>{@code portkit.runs} (timer): each run that ended, tagged {@code action}, {@code kind}
 *       ({@code async}, {@code sync}, {@code recovered}, {@code handed_off}: counted when the
 *       hand-off ends, {@code timeout} at its deadline) and {@code outcome} ({@code success},
 *       {@code failure}, {@code timeout}, {@code shutdown});
 *   <li>{@code portkit.intake.rejections} (counter): deliveries refused before a handler started,
 *       tagged {@code reason} ({@code signature}, {@code tolerance}, {@code body}, {@code
 *       duplicate}, {@code capacity}, {@code shutting_down}, {@code journal}, {@code routing});
 *   <li>{@code portkit.runs.active} and {@code portkit.runs.capacity} (gauges): runs in flight and
 *       {@code maxInFlight}; {@code portkit.runs.queued} and {@code portkit.runs.queue.capacity}:
 *       runs waiting and {@code maxQueued};
 *   <li>{@code portkit.port.api.requests} (timer): each attempt of a Port API request, tagged
 *       {@code method}, {@code route} (a template such as {@code /v1/actions/runs/{run}}) and
 *       {@code status} ({@code 2xx} ... {@code 5xx}, {@code io_error});
 *   <li>{@code portkit.port.api.retries} (counter): requests sent again, tagged {@code method} and
 *       {@code route};
 *   <li>{@code portkit.port.api.retry.waits} (timer): time waited before a retry, tagged {@code
 *       reason} ({@code rate_limit} after a 429, else {@code backoff});
 *   <li>{@code portkit.port.token.fetches} (timer): token requests, tagged {@code outcome} ({@code
 *       success}, {@code refused}, {@code error});
 *   <li>{@code portkit.port.api.rate.limit.holds} (timer): time a call waited for the rate-limit
 *       budget before it was sent;
 *   <li>{@code portkit.port.ratelimit.remaining}, {@code .limit} (gauges), {@code .rejections} and
 *       {@code .held} (counters): the organization's budget, tagged {@code bucket} (see {@link
 *       #bind(PortClient)}).
 * </ul>
 *
 * <p>No tag holds a run id, an input or a secret. Thread-safe.
 */
public final class PortkitMetrics implements RunListener {
  private final MeterRegistry registry;
  private final Tags common;

  private PortkitMetrics(Builder b) {
    this.registry = b.registry;
    this.common = b.tags.and(Tag.of("transport", b.transport));
  }

  /** Returns a builder recording into {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** Returns the registry meters are recorded in. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Adds this as a listener of {@code builder}'s backend and instruments the Port client it builds
   * (HTTP requests, retries, waits, tokens); returns {@code builder}. A client given with {@code
   * client(PortClient)} is not instrumented: build it with {@link #instrument(PortClient.Builder)}.
   */
  public PortBackend.Builder instrument(PortBackend.Builder builder) {
    return Objects.requireNonNull(builder, "builder == null")
        .listener(this)
        .clientSettings(this::instrument);
  }

  /** Instruments the client {@code builder} makes (a default HTTP client); returns it. */
  public PortClient.Builder instrument(PortClient.Builder builder) {
    return Objects.requireNonNull(builder, "builder == null")
        .httpClient(
            instrument(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()))
        .sleeper(instrument(Sleeper.SYSTEM));
  }

  /** Returns {@code http} recording each Port API request, retry and token fetch. */
  public HttpClient instrument(HttpClient http) {
    return new MeteredHttpClient(Objects.requireNonNull(http, "http == null"), registry, common);
  }

  /** Returns {@code sleeper} recording each retry wait. */
  public Sleeper instrument(Sleeper sleeper) {
    return new MeteredSleeper(Objects.requireNonNull(sleeper, "sleeper == null"), registry, common);
  }

  /**
   * Registers the gauges of runs in flight, waiting, and their bounds for {@code backend}, and the
   * rate-limit meters of its client ({@link #bind(PortClient)}).
   */
  public void bind(PortBackend backend) {
    Objects.requireNonNull(backend, "backend == null");
    bind(backend.client());
    Gauge.builder("portkit.runs.active", backend, PortBackend::inFlight)
        .description("Runs executing or being reported")
        .tags(common)
        .register(registry);
    Gauge.builder("portkit.runs.capacity", backend, b -> b.dispatcher().maxInFlight())
        .description("Most runs in flight at once (maxInFlight)")
        .tags(common)
        .register(registry);
    Gauge.builder("portkit.runs.queued", backend, b -> b.dispatcher().queued())
        .description("Runs accepted and waiting for a handler slot or their concurrency key")
        .tags(common)
        .register(registry);
    Gauge.builder("portkit.runs.queue.capacity", backend, b -> b.dispatcher().maxQueued())
        .description("Most runs waiting at once (maxQueued)")
        .tags(common)
        .register(registry);
  }

  /**
   * Registers the rate-limit meters of {@code client}'s organization budget, tagged {@code bucket}
   * ({@code general}, {@code entities}, {@code unauthenticated}): {@code
   * portkit.port.ratelimit.remaining} and {@code portkit.port.ratelimit.limit} (gauges, NaN until
   * Port's first answer), {@code portkit.port.ratelimit.rejections} (429s seen) and {@code
   * portkit.port.ratelimit.held} (calls held back by the gate, also tagged {@code priority}).
   */
  public void bind(PortClient client) {
    Objects.requireNonNull(client, "client == null");
    for (RateLimitBucket bucket : RateLimitBucket.values()) {
      // The client is the meters' state: Micrometer holds it weakly, and the application holds it.
      Tags tags = common.and("bucket", bucket.name().toLowerCase(Locale.ROOT));
      Gauge.builder(
              "portkit.port.ratelimit.remaining",
              client,
              c -> orNaN(c.rateLimit(bucket).remaining()))
          .description("Requests left in the current rate-limit window, as the client estimates")
          .tags(tags)
          .register(registry);
      Gauge.builder("portkit.port.ratelimit.limit", client, c -> orNaN(c.rateLimit(bucket).limit()))
          .description("Requests allowed per rate-limit window (x-ratelimit-limit)")
          .tags(tags)
          .register(registry);
      FunctionCounter.builder(
              "portkit.port.ratelimit.rejections",
              client,
              c -> c.rateLimit(bucket).rateLimitedAnswers())
          .description("429 answers from Port")
          .tags(tags)
          .register(registry);
      for (CallPriority priority : CallPriority.values()) {
        FunctionCounter.builder(
                "portkit.port.ratelimit.held",
                client,
                c -> c.rateLimit(bucket).delayedCalls(priority))
            .description("Calls held back before sending because the rate-limit budget was low")
            .tags(tags)
            .tag("priority", priority.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
  }

  private static double orNaN(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : Double.NaN;
  }

  @Override
  public void runEnded(EndedRun run) {
    Timer.builder("portkit.runs")
        .description("Runs from the moment the backend took them until their end was reported")
        .tags(common)
        .tag("action", run.action())
        .tag("kind", run.kind().tag())
        .tag("outcome", run.result().tag())
        .register(registry)
        .record(run.duration());
  }

  @Override
  public void intakeRejected(IntakeRejection rejection) {
    Counter.builder("portkit.intake.rejections")
        .description("Deliveries refused before a handler started")
        .tags(common)
        .tag("reason", rejection.tag())
        .register(registry)
        .increment();
  }

  @Override
  public String toString() {
    return "PortkitMetrics[" + common + "]";
  }

  /** Configures {@link PortkitMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private String transport = "webhook";
    private Tags tags = Tags.empty();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry == null");
    }

    /** Sets the {@code transport} tag: {@code webhook} (default) or {@code kafka}. */
    public Builder transport(String transport) {
      this.transport = Objects.requireNonNull(transport, "transport == null");
      return this;
    }

    /** Adds tags to every meter (for example the service's name); keep them low-cardinality. */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = this.tags.and(Objects.requireNonNull(tags, "tags == null"));
      return this;
    }

    /** Builds the metrics. */
    public PortkitMetrics build() {
      return new PortkitMetrics(this);
    }
  }
}
