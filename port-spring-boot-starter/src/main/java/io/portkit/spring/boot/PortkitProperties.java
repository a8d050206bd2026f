package io.portkit.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code portkit.*} properties. Validated when bound: a value out of range fails start-up with
 * a message naming the property. The client id and secret default to the {@code PORT_CLIENT_ID} and
 * {@code PORT_CLIENT_SECRET} environment variables (as Spring resolves them: the process
 * environment, system properties, any property source); a missing one fails start-up naming both
 * the property and the variable. Secrets never appear in {@link #toString()}.
 *
 * @param enabled whether portkit configures a backend at all; default true
 * @param clientId the Port client id; default {@code ${PORT_CLIENT_ID}}
 * @param clientSecret the Port client secret (also the key webhooks are verified with); default
 *     {@code ${PORT_CLIENT_SECRET}}
 * @param apiUrl Port's API base URL; wins over {@code region}
 * @param region {@code eu} (default, {@code https://api.port.io}) or {@code us}
 * @param transport {@code webhook} (default) or {@code kafka}
 * @param webhook the webhook route in this application's server
 * @param verification signature checks: tolerance and extra secrets for a rotation
 * @param journalDirectory where runs are journaled before they are acknowledged, so a crash does
 *     not strand them (one directory per instance); default none
 * @param maxInFlight most runs executing at once; default 64
 * @param maxQueued most runs accepted and waiting beyond {@code maxInFlight}; default none set:
 *     10,000 with a journal directory, 0 without (ADR 0230)
 * @param handlerTimeout how long an asynchronous handler may run; default 30 minutes
 * @param syncTimeout how long a synchronized handler may run; default 25 s
 * @param writeCoalescing how long a run context may hold a label, link or summary write to merge it
 *     with the next; default 250 ms, {@code 0} sends each write at once (ADR 0220)
 * @param kafka the Kafka consumer, for {@code transport=kafka}
 */
@ConfigurationProperties("portkit")
public record PortkitProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable URI apiUrl,
    @DefaultValue("eu") Region region,
    @DefaultValue("webhook") Transport transport,
    @DefaultValue Webhook webhook,
    @DefaultValue Verification verification,
    @Nullable Path journalDirectory,
    @DefaultValue("64") int maxInFlight,
    @Nullable Integer maxQueued,
    @DefaultValue("30m") Duration handlerTimeout,
    @DefaultValue("25s") Duration syncTimeout,
    @DefaultValue("250ms") Duration writeCoalescing,
    @DefaultValue Kafka kafka) {

  /** Validates the values; each message names the property. */
  public PortkitProperties {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "portkit.max-in-flight must be at least 1, got " + maxInFlight);
    }
    if (maxQueued != null && maxQueued < 0) {
      throw new IllegalArgumentException(
          "portkit.max-queued must not be negative, got " + maxQueued);
    }
    positive(handlerTimeout, "portkit.handler-timeout");
    positive(syncTimeout, "portkit.sync-timeout");
    if (writeCoalescing.isNegative()) {
      throw new IllegalArgumentException(
          "portkit.write-coalescing must be 0 (off) or positive, got " + writeCoalescing);
    }
    if (apiUrl != null && (!apiUrl.isAbsolute() || apiUrl.getHost() == null)) {
      throw new IllegalArgumentException(
          "portkit.api-url must be an absolute http(s) URL such as https://api.port.io, got "
              + apiUrl);
    }
  }

  static void positive(Duration d, String property) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(property + " must be positive, got " + d);
    }
  }

  /** Returns Port's API URL: {@link #apiUrl()} if set, else the region's. */
  public URI resolvedApiUrl() {
    return apiUrl != null ? apiUrl : region.apiUrl();
  }

  /** Shows everything but the secrets. */
  @Override
  public String toString() {
    return "PortkitProperties[enabled="
        + enabled
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "null" : "***")
        + ", apiUrl="
        + apiUrl
        + ", region="
        + region
        + ", transport="
        + transport
        + ", webhook="
        + webhook
        + ", verification="
        + verification
        + ", journalDirectory="
        + journalDirectory
        + ", maxInFlight="
        + maxInFlight
        + (maxQueued == null ? "" : ", maxQueued=" + maxQueued)
        + ", handlerTimeout="
        + handlerTimeout
        + ", syncTimeout="
        + syncTimeout
        + ", writeCoalescing="
        + writeCoalescing
        + ", kafka="
        + kafka
        + "]";
  }

  /** Port's regions. */
  public enum Region {
    /** app.port.io. */
    EU(URI.create("https://api.port.io")),
    /** app.us.port.io. */
    US(URI.create("https://api.us.port.io"));

    private final URI apiUrl;

    Region(URI apiUrl) {
      this.apiUrl = apiUrl;
    }

    /** Returns the region's API base URL. */
    public URI apiUrl() {
      return apiUrl;
    }
  }

  /** How runs reach this service. */
  public enum Transport {
    /** Port's signed webhooks, on {@code portkit.webhook.path} of this application's server. */
    WEBHOOK,
    /** Port's {@code ORG_ID.runs} Kafka topic ({@code io.portkit:port-kafka} needed). */
    KAFKA
  }

  /**
   * The webhook route.
   *
   * @param path the path Port posts to, inside this application (after the context path); default
   *     {@code /portkit/webhook}, which no controller of yours is likely to use
   * @param maxBodySize the largest accepted body; default 1MB (Port's own limit)
   * @param manualRoute whether {@code path/manual} verifies and acknowledges runs without running
   *     them, for a person to finish by hand; default false (such a run stays IN_PROGRESS in Port
   *     until someone ends it, so a production service should not take runs there)
   */
  public record Webhook(
      @DefaultValue("/portkit/webhook") String path,
      @DefaultValue("1MB") DataSize maxBodySize,
      @DefaultValue("false") boolean manualRoute) {
    /** Validates the values. */
    public Webhook {
      if (!path.startsWith("/") || path.equals("/") || path.contains("*")) {
        throw new IllegalArgumentException(
            "portkit.webhook.path must be a path of its own such as /portkit/webhook, got '"
                + path
                + "'");
      }
      if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "portkit.webhook.max-body-size must be between 1B and 2GB, got " + maxBodySize);
      }
    }
  }

  /**
   * Signature checks.
   *
   * @param tolerance how far a delivery's signing time may be from now, either way; default 5
   *     minutes
   * @param extraSecrets more secrets deliveries may be signed with: the old client secret while you
   *     rotate it; never printed
   */
  public record Verification(
      @DefaultValue("5m") Duration tolerance, @DefaultValue List<String> extraSecrets) {
    /** Validates the values. */
    public Verification {
      if (tolerance.getSeconds() < 1) {
        throw new IllegalArgumentException(
            "portkit.verification.tolerance must be at least 1s, got " + tolerance);
      }
      extraSecrets = List.copyOf(extraSecrets);
      for (String s : extraSecrets) {
        if (s.isBlank()) {
          throw new IllegalArgumentException(
              "portkit.verification.extra-secrets holds a blank entry: remove it");
        }
      }
    }

    @Override
    public String toString() {
      return "Verification[tolerance=" + tolerance + ", extraSecrets=" + extraSecrets.size() + "]";
    }
  }

  /**
   * The Kafka consumer ({@code transport=kafka}); unset values fall back to the {@code
   * PORT_KAFKA_*} and {@code PORT_ORG_ID} environment variables of {@code port-kafka}.
   *
   * @param brokers {@code host:port[,host:port]}
   * @param orgId your Port organization id: topic {@code ORG_ID.runs}, group {@code ORG_ID.portkit}
   * @param topic the topic, when not {@code ORG_ID.runs}
   * @param groupId the consumer group, when not {@code ORG_ID.portkit}
   * @param username the SASL username Port gave you
   * @param password the SASL password; never printed
   * @param securityProtocol {@code SASL_SSL} (Port's, the default) or {@code PLAINTEXT}
   * @param saslMechanism {@code SCRAM-SHA-512} (Port's, the default)
   * @param properties more consumer properties, for example {@code ssl.truststore.location}
   */
  public record Kafka(
      @Nullable String brokers,
      @Nullable String orgId,
      @Nullable String topic,
      @Nullable String groupId,
      @Nullable String username,
      @Nullable String password,
      @Nullable String securityProtocol,
      @Nullable String saslMechanism,
      @DefaultValue Map<String, String> properties) {
    /** Copies the properties. */
    public Kafka {
      properties = Map.copyOf(properties);
    }

    @Override
    public String toString() {
      return "Kafka[brokers="
          + brokers
          + ", orgId="
          + orgId
          + ", topic="
          + topic
          + ", groupId="
          + groupId
          + ", username="
          + username
          + ", password="
          + (password == null ? "null" : "***")
          + ", securityProtocol="
          + securityProtocol
          + ", properties="
          + properties.keySet()
          + "]";
    }
  }
}
