package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.kafka.KafkaSettings;
import io.portkit.tunnel.ngrok.NgrokOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's configuration before flags: environment variables, overridden by a {@code .env} file.
 * Flags, applied by each command, override both; so the order is environment, then {@code .env},
 * then flags, as the issue asks (dotenv's usual rule would let the environment win). The file's
 * syntax is {@link DotEnvFile}'s.
 *
 * <p>Every variable the CLI reads has a constant here, including those it hands to {@link
 * NgrokOptions} and {@link KafkaSettings}, which alias theirs; names ending in {@code _} are
 * prefixes. {@code docs/configuration.md} lists each one, and {@code ConfigurationDocTest} keeps
 * the two in step.
 *
 * <p>Immutable and thread-safe. {@link #toString()} lists names only, never values.
 */
public final class Settings {
  /** The client id of a Port API credential. */
  public static final String CLIENT_ID = "PORT_CLIENT_ID";

  /** The client secret; also the secret that webhook signatures are verified with. */
  public static final String CLIENT_SECRET = "PORT_CLIENT_SECRET";

  /** The API base URL; default Port EU. */
  public static final String API_URL = "PORT_API_URL";

  /** {@code eu} (default) or {@code us}; used when {@link #API_URL} is not set. */
  public static final String REGION = "PORT_REGION";

  /**
   * How long a run's label, link or summary write may be held to merge it with the next, in
   * milliseconds; default 250, {@code 0} sends every write at once.
   */
  public static final String WRITE_COALESCING_MS = "PORTKIT_WRITE_COALESCING_MS";

  /** The ngrok authtoken; setting it makes {@code serve} default to {@code --tunnel ngrok}. */
  public static final String NGROK_AUTHTOKEN = NgrokOptions.AUTHTOKEN_VARIABLE;

  /** The ngrok static domain. */
  public static final String NGROK_DOMAIN = NgrokOptions.DOMAIN_VARIABLE;

  /** The ngrok edge label. */
  public static final String NGROK_EDGE = NgrokOptions.EDGE_VARIABLE;

  /** Where the temporary allowlist's files go; default {@code ./portkit-data}. */
  public static final String DATA_DIR = "PORTKIT_DATA_DIR";

  /**
   * The run journal directory (default {@code ./portkit-data/journal} for {@code serve}, {@code
   * ./portkit-data/journal-demo} for {@code demo}).
   */
  public static final String JOURNAL_DIR = "PORTKIT_JOURNAL_DIR";

  /** The JDBC URL of the database to copy; default the embedded H2 sample. */
  public static final String DB_URL = "PORTKIT_DB_URL";

  /** The database user. */
  public static final String DB_USER = "PORTKIT_DB_USER";

  /** The database password (a secret). */
  public static final String DB_PASSWORD = "PORTKIT_DB_PASSWORD";

  /** The key masking personal columns (a secret); default a random key per process. */
  public static final String MASKING_KEY = "PORTKIT_MASKING_KEY";

  /** {@code serve --transport kafka}: the brokers, {@code host:port[,host:port...]}. */
  public static final String KAFKA_BROKERS = KafkaSettings.ENV_BROKERS;

  /** {@code serve --transport kafka}: the Kafka username Port gave you. */
  public static final String KAFKA_USERNAME = KafkaSettings.ENV_USERNAME;

  /** {@code serve --transport kafka}: the Kafka password Port gave you (a secret). */
  public static final String KAFKA_PASSWORD = KafkaSettings.ENV_PASSWORD;

  /** {@code serve --transport kafka}: the organization id the topic and group default from. */
  public static final String ORG_ID = KafkaSettings.ENV_ORG_ID;

  /** {@code serve --transport kafka}: the topic; default {@code ORG_ID.runs}. */
  public static final String KAFKA_TOPIC = KafkaSettings.ENV_TOPIC;

  /** {@code serve --transport kafka}: the consumer group; default {@code ORG_ID.portkit}. */
  public static final String KAFKA_GROUP_ID = KafkaSettings.ENV_GROUP_ID;

  /** {@code serve --transport kafka}: {@code security.protocol}; default {@code SASL_SSL}. */
  public static final String KAFKA_SECURITY_PROTOCOL = KafkaSettings.ENV_SECURITY_PROTOCOL;

  /** {@code serve --transport kafka}: {@code sasl.mechanism}; default {@code SCRAM-SHA-512}. */
  public static final String KAFKA_SASL_MECHANISM = KafkaSettings.ENV_SASL_MECHANISM;

  /** {@code serve --transport kafka}: prefix of extra consumer properties ({@code _} is a dot). */
  public static final String KAFKA_PROPERTY_PREFIX = KafkaSettings.ENV_PROPERTY_PREFIX;

  private final Map<String, String> values;
  private final Path envFile;

  private Settings(Map<String, String> values, Path envFile) {
    this.values = Collections.unmodifiableMap(values);
    this.envFile = envFile;
  }

  /**
   * Reads {@code envFile} (when it exists) over {@code environment}.
   *
   * @param environment the process environment
   * @param envFile the {@code .env} file; a missing file is not an error
   * @throws IllegalArgumentException if the file exists but cannot be parsed; the message names the
   *     line number and what is wrong, never the line's content, which may hold a secret
   */
  public static Settings load(Map<String, String> environment, Path envFile) {
    return load(environment, envFile, false);
  }

  /**
   * Reads {@code envFile} over {@code environment}; when {@code required} (the user named the file
   * with {@code --env-file}) a missing file is an error too.
   *
   * @throws IllegalArgumentException if the file is required and missing, or cannot be read or
   *     parsed
   */
  public static Settings load(Map<String, String> environment, Path envFile, boolean required) {
    requireNonNull(environment, "environment == null");
    requireNonNull(envFile, "envFile == null");
    Map<String, String> merged = new LinkedHashMap<>(environment);
    if (Files.isRegularFile(envFile)) {
      merged.putAll(readEnvFile(envFile));
    } else if (required) {
      throw new IllegalArgumentException(
          "--env-file "
              + envFile
              + ": no such file"
              + (Files.exists(envFile) ? " (it is a directory)" : "")
              + "; give the path of a .env file, relative to the working directory");
    }
    return new Settings(merged, envFile);
  }

  /** Returns settings holding exactly {@code values}; for tests and embedding. */
  public static Settings of(Map<String, String> values) {
    return new Settings(
        new LinkedHashMap<>(requireNonNull(values, "values == null")), Path.of(".env"));
  }

  private static Map<String, String> readEnvFile(Path envFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + envFile + " (" + e.getClass().getSimpleName() + "): check the file");
    }
    try {
      return DotEnvFile.parse(lines);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read " + envFile + ", " + e.getMessage());
    }
  }

  /** Returns the value of {@code name} when it is set and not blank. */
  public Optional<String> get(String name) {
    String value = values.get(requireNonNull(name, "name == null"));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * Returns {@code flagValue} when given, else the setting {@code name}.
   *
   * @throws MissingSettingException naming {@code name} and {@code flag} when neither is set
   */
  public String require(String name, String flag, String flagValue) {
    if (flagValue != null && !flagValue.isBlank()) {
      return flagValue.strip();
    }
    return get(name).orElseThrow(() -> new MissingSettingException(name, flag));
  }

  /** Returns every setting, for code that reads the environment itself; never print it. */
  public Map<String, String> asMap() {
    return values;
  }

  /** Returns the {@code .env} file these settings were read with. */
  public Path envFile() {
    return envFile;
  }

  @Override
  public String toString() {
    return "Settings[" + values.size() + " values, envFile=" + envFile + "]";
  }
}
