package io.portkit.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a secret in a log line: the values listed in {@code portkit-test-secrets.txt},
 * values registered at runtime, and three shapes no log line may carry whatever the test (a JWT, an
 * {@code Authorization: Bearer} value, and a 40-character mixed-case alphanumeric string, the shape
 * of the client secrets PortEmulator generates).
 *
 * <p>Thread-safe. Never returns or prints a secret: findings name the kind of secret only.
 */
public final class LogSecrets {
  /** The classpath resource listing fixed test secrets, one a line, {@code #} for comments. */
  public static final String RESOURCE = "portkit-test-secrets.txt";

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]+");
  private static final Pattern BEARER =
      Pattern.compile("(?i)bearer\\s+(?!\\*\\*\\*)[A-Za-z0-9._~+/-]{6,}");
  // Emulator client secrets: 40 letters and digits with upper case, lower case and a digit, so
  // lower-case hex digests (commit ids, SHA-1) do not match. A run inside a longer Base64 value
  // (a '+' before it, or '+', '/' or '=' after it) is binary data, not a secret: the Kafka
  // broker's debug lines carry Base64 consumer assignments.
  private static final Pattern GENERATED =
      Pattern.compile(
          "(?<![A-Za-z0-9+])(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[0-9])"
              + "[A-Za-z0-9]{40}(?![A-Za-z0-9+/=])");
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  static {
    KNOWN.addAll(load());
  }

  private LogSecrets() {}

  /**
   * Adds {@code secret} to the values no log line may contain from now on.
   *
   * @throws IllegalArgumentException if {@code secret} is shorter than 6 characters (too short to
   *     tell from ordinary words)
   */
  public static void register(String secret) {
    Objects.requireNonNull(secret, "secret == null");
    if (secret.length() < 6) {
      throw new IllegalArgumentException(
          "secret is shorter than 6 characters ("
              + secret.length()
              + "); use a longer test secret so log scanning cannot mistake words for it");
    }
    KNOWN.add(secret);
  }

  /** Returns how many exact secret values are known (fixed list plus registered). */
  public static int knownCount() {
    return KNOWN.size();
  }

  /**
   * Returns the kind of the first secret found in {@code line} ({@code "a known test secret"},
   * {@code "a JWT"}, {@code "a bearer token"} or {@code "a generated client secret"}), or empty.
   */
  public static Optional<String> find(String line) {
    Objects.requireNonNull(line, "line == null");
    for (String secret : KNOWN) {
      if (line.contains(secret)) {
        return Optional.of("a known test secret");
      }
    }
    if (JWT.matcher(line).find()) {
      return Optional.of("a JWT");
    }
    if (BEARER.matcher(line).find()) {
      return Optional.of("a bearer token");
    }
    if (GENERATED.matcher(line).find()) {
      return Optional.of("a generated client secret");
    }
    return Optional.empty();
  }

  /** Returns {@code line} with every secret this class recognises replaced by {@code ***}. */
  public static String redact(String line) {
    Objects.requireNonNull(line, "line == null");
    String out = line;
    for (String secret : KNOWN) {
      out = out.replace(secret, "***");
    }
    for (Pattern p : new Pattern[] {JWT, BEARER, GENERATED}) {
      out = p.matcher(out).replaceAll(Matcher.quoteReplacement("***"));
    }
    return out;
  }

  private static Set<String> load() {
    Set<String> secrets = ConcurrentHashMap.newKeySet();
    InputStream in = LogSecrets.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          RESOURCE + " is missing from the classpath: the portkit-test-support jar is incomplete");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String value = line.strip();
        if (!value.isEmpty() && !value.startsWith("#")) {
          secrets.add(value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return secrets;
  }
}
