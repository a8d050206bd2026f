package io.portkit.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to consume Port's runs: brokers, credentials, topic and consumer group, plus any
 * extra consumer properties for self-hosted brokers. Defaults are Port's settings: {@code SASL_SSL}
 * with {@code SCRAM-SHA-512}, topic {@code ORG_ID.runs}, group {@code ORG_ID.portkit}.
 *
 * <pre>{@code
 * KafkaSettings settings = KafkaSettings.fromEnv(System.getenv());
 * }</pre>
 *
 * <p>Immutable and thread-safe. The password never appears in {@link #toString()}, and Kafka masks
 * {@code sasl.jaas.config} in its own config log.
 */
public final class KafkaSettings {
  /** Comma-separated {@code host:port} list of brokers. */
  public static final String ENV_BROKERS = "PORT_KAFKA_BROKERS";

  /** The Kafka username Port gave you. */
  public static final String ENV_USERNAME = "PORT_KAFKA_USERNAME";

  /** The Kafka password Port gave you. */
  public static final String ENV_PASSWORD = "PORT_KAFKA_PASSWORD";

  /** Your Port organization id; the default topic and group start with it. */
  public static final String ENV_ORG_ID = "PORT_ORG_ID";

  /** The topic; default {@code ORG_ID.runs}. */
  public static final String ENV_TOPIC = "PORT_KAFKA_TOPIC";

  /** The consumer group id; default {@code ORG_ID.portkit}. */
  public static final String ENV_GROUP_ID = "PORT_KAFKA_GROUP_ID";

  /** {@code security.protocol}; default {@code SASL_SSL}. */
  public static final String ENV_SECURITY_PROTOCOL = "PORT_KAFKA_SECURITY_PROTOCOL";

  /** {@code sasl.mechanism}; default {@code SCRAM-SHA-512}. */
  public static final String ENV_SASL_MECHANISM = "PORT_KAFKA_SASL_MECHANISM";

  /** Prefix of extra consumer properties: {@code PORT_KAFKA_PROP_SSL_TRUSTSTORE_LOCATION}. */
  public static final String ENV_PROPERTY_PREFIX = "PORT_KAFKA_PROP_";

  /** Port's security protocol. */
  public static final String DEFAULT_SECURITY_PROTOCOL = "SASL_SSL";

  /** Port's SASL mechanism. */
  public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";

  private final String brokers;
  private final String username;
  private final String password;
  private final String topic;
  private final String groupId;
  private final String securityProtocol;
  private final String saslMechanism;
  private final Map<String, String> extra;

  private KafkaSettings(Builder b) {
    this.brokers = b.brokers;
    this.username = b.username;
    this.password = b.password;
    this.topic = b.topic;
    this.groupId = b.groupId;
    this.securityProtocol = b.securityProtocol;
    this.saslMechanism = b.saslMechanism;
    this.extra = Map.copyOf(b.extra);
  }

  /** Returns a builder; brokers, topic and group id are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from {@code env} (pass {@code System.getenv()}): the {@code ENV_*} names of
   * this class. {@code PORT_KAFKA_PROP_X_Y=v} becomes the consumer property {@code x.y=v}.
   *
   * @throws IllegalArgumentException naming every missing variable
   */
  public static KafkaSettings fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    String org = blankToNull(env.get(ENV_ORG_ID));
    String topic = blankToNull(env.get(ENV_TOPIC));
    String group = blankToNull(env.get(ENV_GROUP_ID));
    List<String> missing = new ArrayList<>();
    if (blankToNull(env.get(ENV_BROKERS)) == null) {
      missing.add(ENV_BROKERS);
    }
    if (org == null && (topic == null || group == null)) {
      missing.add(ENV_ORG_ID + " (or both " + ENV_TOPIC + " and " + ENV_GROUP_ID + ")");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "Kafka settings missing: "
              + String.join(", ", missing)
              + "; Port support gives you the brokers, username, password and your org id");
    }
    Builder b =
        builder()
            .brokers(env.get(ENV_BROKERS).strip())
            .topic(topic != null ? topic : org + ".runs")
            .groupId(group != null ? group : org + ".portkit");
    String user = blankToNull(env.get(ENV_USERNAME));
    String pass = blankToNull(env.get(ENV_PASSWORD));
    if (user != null || pass != null) {
      b.credentials(user, pass);
    }
    b.securityProtocol(orDefault(env.get(ENV_SECURITY_PROTOCOL), DEFAULT_SECURITY_PROTOCOL));
    b.saslMechanism(orDefault(env.get(ENV_SASL_MECHANISM), DEFAULT_SASL_MECHANISM));
    env.forEach(
        (k, v) -> {
          if (k.startsWith(ENV_PROPERTY_PREFIX) && k.length() > ENV_PROPERTY_PREFIX.length()) {
            String name =
                k.substring(ENV_PROPERTY_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
            b.property(name.replace('_', '.'), v);
          }
        });
    return b.build();
  }

  /** Returns the brokers, {@code host:port[,host:port...]}. */
  public String brokers() {
    return brokers;
  }

  /** Returns the topic, for example {@code org_123.runs}. */
  public String topic() {
    return topic;
  }

  /** Returns the consumer group id. */
  public String groupId() {
    return groupId;
  }

  /** Returns the security protocol, for example {@code SASL_SSL}. */
  public String securityProtocol() {
    return securityProtocol;
  }

  /**
   * Returns the consumer properties these settings stand for: bootstrap servers, group id,
   * security, SASL/SCRAM login when a username is set, then the extra properties (which win).
   * Offsets are committed by portkit ({@code enable.auto.commit=false}) and a new group starts at
   * the earliest message. The result holds the password: do not log it.
   */
  public Properties consumerProperties() {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", brokers);
    p.setProperty("group.id", groupId);
    p.setProperty("enable.auto.commit", "false");
    p.setProperty("auto.offset.reset", "earliest");
    p.setProperty("client.id", "portkit-" + groupId);
    p.setProperty("security.protocol", securityProtocol);
    if (username != null) {
      p.setProperty("sasl.mechanism", saslMechanism);
      p.setProperty("sasl.jaas.config", jaas(saslMechanism, username, password));
    }
    extra.forEach(p::setProperty);
    return p;
  }

  private static String jaas(String mechanism, String user, String pass) {
    String module =
        mechanism.startsWith("SCRAM")
            ? "org.apache.kafka.common.security.scram.ScramLoginModule"
            : "org.apache.kafka.common.security.plain.PlainLoginModule";
    return module + " required username=\"" + quote(user) + "\" password=\"" + quote(pass) + "\";";
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String orDefault(String s, String dflt) {
    String v = blankToNull(s);
    return v == null ? dflt : v;
  }

  @Override
  public String toString() {
    return "KafkaSettings[brokers="
        + brokers
        + ", topic="
        + topic
        + ", groupId="
        + groupId
        + ", securityProtocol="
        + securityProtocol
        + ", saslMechanism="
        + saslMechanism
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", extra="
        + extra.keySet()
        + "]";
  }

  /** Configures {@link KafkaSettings}. Not thread-safe; build once. */
  public static final class Builder {
    private String brokers;
    private String username;
    private String password;
    private String topic;
    private String groupId;
    private String securityProtocol = DEFAULT_SECURITY_PROTOCOL;
    private String saslMechanism = DEFAULT_SASL_MECHANISM;
    private final Map<String, String> extra = new LinkedHashMap<>();

    private Builder() {}

    /** Sets the brokers, {@code host:port[,host:port...]} (required). */
    public Builder brokers(String brokers) {
      this.brokers = Objects.requireNonNull(brokers, "brokers == null");
      return this;
    }

    /** Sets the SASL username and password; both required together. */
    public Builder credentials(String username, String password) {
      if (username == null || username.isBlank() || password == null || password.isEmpty()) {
        throw new IllegalArgumentException(
            "Kafka username and password go together: set both "
                + ENV_USERNAME
                + " and "
                + ENV_PASSWORD
                + ", or neither for an unauthenticated broker");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /** Sets the topic (required), Port's {@code ORG_ID.runs}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic == null");
      return this;
    }

    /** Sets the consumer group id (required), {@code ORG_ID.<name>} on Port's brokers. */
    public Builder groupId(String groupId) {
      this.groupId = Objects.requireNonNull(groupId, "groupId == null");
      return this;
    }

    /** Sets {@code security.protocol}: {@code SASL_SSL} (default), {@code PLAINTEXT}, ... */
    public Builder securityProtocol(String protocol) {
      this.securityProtocol = Objects.requireNonNull(protocol, "protocol == null");
      return this;
    }

    /** Sets {@code sasl.mechanism}: {@code SCRAM-SHA-512} (default), {@code PLAIN}, ... */
    public Builder saslMechanism(String mechanism) {
      this.saslMechanism = Objects.requireNonNull(mechanism, "mechanism == null");
      return this;
    }

    /** Adds a consumer property (for example {@code ssl.truststore.location}); it wins. */
    public Builder property(String name, String value) {
      extra.put(
          Objects.requireNonNull(name, "name == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException if brokers, topic or group id is missing, or a SASL protocol
     *     has no credentials
     */
    public KafkaSettings build() {
      require(brokers, "brokers", ENV_BROKERS);
      require(topic, "topic", ENV_TOPIC);
      require(groupId, "groupId", ENV_GROUP_ID);
      if (securityProtocol.startsWith("SASL")
          && username == null
          && !extra.containsKey("sasl.jaas.config")) {
        throw new IllegalStateException(
            "security protocol "
                + securityProtocol
                + " needs credentials: set "
                + ENV_USERNAME
                + " and "
                + ENV_PASSWORD
                + " (or PORT_KAFKA_SECURITY_PROTOCOL=PLAINTEXT for a local broker)");
      }
      return new KafkaSettings(this);
    }

    private static void require(String value, String what, String env) {
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(what + " required: call " + what + "(...) or set " + env);
      }
    }
  }
}
