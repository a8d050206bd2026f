package io.portkit.testkit;

import io.portkit.testkit.internal.EmulatorCore;
import io.portkit.testkit.internal.EmulatorSettings;
import io.portkit.testkit.internal.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Configures and starts a {@link PortEmulator}; get one from {@link PortEmulator#builder()}.
 *
 * <pre>{@code
 * PortEmulator port = PortEmulator.builder()
 *     .clock(FakeClock.at(Instant.parse("2026-01-01T00:00:00Z")))
 *     .seed(42)                                  // deterministic run ids, credentials and tokens
 *     .tokenLifetime(Duration.ofMinutes(5))
 *     .rateLimit(100, Duration.ofMinutes(1))
 *     .start();
 * }</pre>
 *
 * <p>Not thread-safe; use from one thread, then discard. The client secret never appears in {@link
 * #toString()}.
 */
public final class PortEmulatorBuilder {
  /** Port's documented token lifetime. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(3);

  /** The default rate limit: high enough that tests never meet it unless they lower it. */
  public static final int DEFAULT_RATE_LIMIT = 1_000_000;

  /** The default rate-limit window. */
  public static final Duration DEFAULT_RATE_PERIOD = Duration.ofMinutes(1);

  /** The default bound on one webhook call, as Port's execution agent (30 s). */
  public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(30);

  private int port;
  private String clientId;
  private String clientSecret;
  private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
  private Clock clock = Clock.systemUTC();
  private Random random;
  private Sleeper sleeper = Sleeper.REAL;
  private int finishedRunStatus = 422;
  private int rateLimit = DEFAULT_RATE_LIMIT;
  private Duration ratePeriod = DEFAULT_RATE_PERIOD;
  private boolean deliverWebhooks = true;
  private Duration webhookTimeout = DEFAULT_WEBHOOK_TIMEOUT;
  private final java.util.Map<String, String> orgSecrets = new java.util.TreeMap<>();
  private boolean rejectUndeclaredProperties = true;

  PortEmulatorBuilder() {}

  /**
   * Listens on {@code port} on 127.0.0.1; 0 (the default) picks a free port.
   *
   * @throws IllegalArgumentException if {@code port} is not in 0..65535
   */
  public PortEmulatorBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 (0 picks a free port): " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * Registers these client credentials; by default a random pair is generated (see {@link
   * PortEmulator#clientId()}).
   *
   * @throws IllegalArgumentException if either is blank
   */
  public PortEmulatorBuilder credentials(String clientId, String clientSecret) {
    Objects.requireNonNull(clientId, "clientId == null");
    Objects.requireNonNull(clientSecret, "clientSecret == null");
    if (clientId.isBlank() || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientId and clientSecret must not be blank");
    }
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    return this;
  }

  /**
   * Sets the lifetime of issued tokens (default 3 hours, as Port).
   *
   * @throws IllegalArgumentException if shorter than one second
   */
  public PortEmulatorBuilder tokenLifetime(Duration tokenLifetime) {
    Objects.requireNonNull(tokenLifetime, "tokenLifetime == null");
    if (tokenLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "tokenLifetime must be at least 1s (JWT exp has second precision): " + tokenLifetime);
    }
    this.tokenLifetime = tokenLifetime;
    return this;
  }

  /** Sets the clock for timestamps, token expiry and rate-limit windows (default system UTC). */
  public PortEmulatorBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /** Sets the randomness behind ids, generated credentials, trace ids and the token key. */
  public PortEmulatorBuilder random(Random random) {
    this.random = Objects.requireNonNull(random, "random == null");
    return this;
  }

  /** Shorthand for {@code random(new Random(seed))}: the same seed gives the same ids. */
  public PortEmulatorBuilder seed(long seed) {
    return random(new Random(seed));
  }

  /** Sets how {@link Fault#delayNext} latency is waited (default {@link Sleeper#REAL}). */
  public PortEmulatorBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
    return this;
  }

  /**
   * Sets the status answered for writing to a finished run or tying an entity to one: 422 (default)
   * or 409. See docs/decisions/0021-finished-run-writes.md.
   *
   * @throws IllegalArgumentException if not 409 or 422
   */
  public PortEmulatorBuilder finishedRunStatus(int status) {
    if (status != 409 && status != 422) {
      throw new IllegalArgumentException("finishedRunStatus must be 409 or 422: " + status);
    }
    this.finishedRunStatus = status;
    return this;
  }

  /**
   * Enforces {@code limit} requests per {@code period} on Port's routes; above it the emulator
   * answers 429 with {@code Retry-After}. The period is whole seconds.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or {@code period} is under one second
   */
  public PortEmulatorBuilder rateLimit(int limit, Duration period) {
    Objects.requireNonNull(period, "period == null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    if (period.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("period must be at least 1s: " + period);
    }
    this.rateLimit = limit;
    this.ratePeriod = period;
    return this;
  }

  /**
   * Sets whether a run created over HTTP ({@code POST /v1/actions/{id}/runs}) invokes its WEBHOOK
   * action like Port (default true). {@link PortEmulator#trigger} always invokes; {@link
   * PortEmulator#createRun} never does.
   */
  public PortEmulatorBuilder deliverWebhooks(boolean deliverWebhooks) {
    this.deliverWebhooks = deliverWebhooks;
    return this;
  }

  /**
   * Sets the bound on one webhook call; a call without an answer by then fails the run (default 30
   * s).
   *
   * @throws IllegalArgumentException if not positive
   */
  public PortEmulatorBuilder webhookTimeout(Duration webhookTimeout) {
    Objects.requireNonNull(webhookTimeout, "webhookTimeout == null");
    if (webhookTimeout.isZero() || webhookTimeout.isNegative()) {
      throw new IllegalArgumentException("webhookTimeout must be positive: " + webhookTimeout);
    }
    this.webhookTimeout = webhookTimeout;
    return this;
  }

  /**
   * Adds an organisation secret that invocation templates read as {@code .secrets.NAME}. Values
   * never appear in {@link #toString()}.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public PortEmulatorBuilder orgSecret(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("secret name must not be blank");
    }
    orgSecrets.put(name, value);
    return this;
  }

  /**
   * Sets whether an entity write naming a property its blueprint's schema does not declare is
   * answered 422 (default true). Port does not document this case; the default fails in the
   * emulator what might fail in Port (docs/decisions/0026-entity-property-validation.md). Declared
   * properties are always checked against their type, format, enum and required.
   */
  public PortEmulatorBuilder rejectUndeclaredProperties(boolean reject) {
    this.rejectUndeclaredProperties = reject;
    return this;
  }

  /**
   * Starts the emulator.
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public PortEmulator start() {
    Random effectiveRandom = random != null ? random : new Random();
    String id = clientId;
    String secret = clientSecret;
    if (id == null) {
      Ids ids = new Ids(effectiveRandom);
      id = "emulator-" + ids.alphanumeric(12);
      secret = ids.alphanumeric(40);
    }
    EmulatorSettings settings =
        new EmulatorSettings(
            id,
            secret,
            tokenLifetime,
            finishedRunStatus,
            rateLimit,
            ratePeriod,
            deliverWebhooks,
            webhookTimeout,
            java.util.Map.copyOf(orgSecrets),
            rejectUndeclaredProperties);
    return new PortEmulator(new EmulatorCore(settings, clock, effectiveRandom, sleeper), port);
  }

  @Override
  public String toString() {
    return "PortEmulatorBuilder[port="
        + port
        + ", clientId="
        + clientId
        + ", tokenLifetime="
        + tokenLifetime
        + "]";
  }
}
