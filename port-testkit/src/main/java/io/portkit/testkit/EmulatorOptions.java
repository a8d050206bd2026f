package io.portkit.testkit;

import io.portkit.client.Sleeper;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.testkit.internal.EmulatorCore;
import io.portkit.testkit.internal.EmulatorSettings;
import io.portkit.testkit.internal.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * What {@link PortEmulator.Builder} collects, validated as it is set, and the emulator core built
 * from it. Not thread-safe. Never prints a secret.
 */
final class EmulatorOptions {
  private int automationChainLimit =
      io.portkit.testkit.internal.AutomationEngine.DEFAULT_CHAIN_LIMIT;
  int port;
  private ClientCredentials credentials;
  private Duration tokenLifetime = PortEmulator.Builder.DEFAULT_TOKEN_LIFETIME;
  private Clock clock = Clock.systemUTC();
  private Random random;
  private Sleeper sleeper = Sleeper.SYSTEM;
  private int finishedRunStatus = 422;
  private int rateLimit = PortEmulator.Builder.DEFAULT_RATE_LIMIT;
  private Duration ratePeriod = PortEmulator.Builder.DEFAULT_RATE_PERIOD;
  private boolean deliverWebhooks = true;
  private Duration webhookTimeout = PortEmulator.Builder.DEFAULT_WEBHOOK_TIMEOUT;
  private final Map<String, String> orgSecrets = new TreeMap<>();
  private boolean rejectUndeclaredProperties = true;

  void port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 (0 picks a free port): " + port);
    }
    this.port = port;
  }

  void credentials(ClientCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials == null");
  }

  void tokenLifetime(Duration tokenLifetime) {
    this.tokenLifetime = atLeast(tokenLifetime, Duration.ofSeconds(1), "tokenLifetime");
  }

  void clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  void random(Random random) {
    this.random = Objects.requireNonNull(random, "random == null");
  }

  void sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
  }

  void finishedRunStatus(int status) {
    if (status != 409 && status != 422) {
      throw new IllegalArgumentException("finishedRunStatus must be 409 or 422: " + status);
    }
    this.finishedRunStatus = status;
  }

  void rateLimit(int limit, Duration period) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.ratePeriod = atLeast(period, Duration.ofSeconds(1), "period");
    this.rateLimit = limit;
  }

  void deliverWebhooks(boolean deliverWebhooks) {
    this.deliverWebhooks = deliverWebhooks;
  }

  void webhookTimeout(Duration webhookTimeout) {
    this.webhookTimeout = atLeast(webhookTimeout, Duration.ofMillis(1), "webhookTimeout");
  }

  void orgSecret(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("secret name must not be blank");
    }
    orgSecrets.put(name, value);
  }

  void automationChainLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("automation chain limit must be positive, got " + limit);
    }
    this.automationChainLimit = limit;
  }

  void rejectUndeclaredProperties(boolean reject) {
    this.rejectUndeclaredProperties = reject;
  }

  /** Builds the emulator's parts, generating credentials from the randomness when none were set. */
  EmulatorCore core() {
    Random effectiveRandom = random != null ? random : new Random();
    ClientCredentials registered = credentials;
    if (registered == null) {
      Ids ids = new Ids(effectiveRandom);
      registered = new ClientCredentials("emulator-" + ids.alphanumeric(12), ids.alphanumeric(40));
    }
    EmulatorSettings settings =
        new EmulatorSettings(
            registered.clientId(),
            registered.clientSecret(),
            tokenLifetime,
            finishedRunStatus,
            rateLimit,
            ratePeriod,
            deliverWebhooks,
            webhookTimeout,
            Map.copyOf(orgSecrets),
            rejectUndeclaredProperties);
    EmulatorCore core = new EmulatorCore(settings, clock, effectiveRandom, sleeper);
    core.automations().chainLimit(automationChainLimit);
    return core;
  }

  private static Duration atLeast(Duration value, Duration min, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "port="
        + port
        + ", clientId="
        + (credentials == null ? "generated" : credentials.clientId())
        + ", tokenLifetime="
        + tokenLifetime;
  }
}
