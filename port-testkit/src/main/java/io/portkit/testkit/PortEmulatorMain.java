package io.portkit.testkit;

import io.portkit.client.auth.ClientCredentials;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link PortEmulator} from the command line until killed, so any service can be pointed at
 * it.
 *
 * <pre>
 * mvn -q -pl port-testkit -am compile exec:java -Dexec.skip=true \
 *     -Dexec.mainClass=io.portkit.testkit.PortEmulatorMain -Dexec.args="--port 8080"
 * </pre>
 *
 * <p>Arguments: {@code --port N} (default 0: a free port), {@code --token-lifetime D} where D is an
 * ISO-8601 duration ({@code PT3H}) or a number with a unit ({@code 90s}, {@code 15m}, {@code 3h}).
 * When {@code PORT_CLIENT_ID} and {@code PORT_CLIENT_SECRET} are both set, they are registered and
 * their values are never printed; otherwise a pair is generated and printed.
 */
public final class PortEmulatorMain {
  private PortEmulatorMain() {}

  /** Starts the emulator and blocks until the JVM is stopped. */
  public static void main(String[] args) throws InterruptedException {
    PortEmulator emulator;
    try {
      emulator = start(args, System.getenv(), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("port-emulator: " + e.getMessage());
      System.err.println("usage: PortEmulatorMain [--port N] [--token-lifetime PT3H|90m|3h]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "port-emulator-shutdown"));
    stopped.await();
  }

  /**
   * Parses {@code args}, starts an emulator and prints its URL and credentials to {@code out}.
   *
   * @param env the environment to read {@code PORT_CLIENT_ID}/{@code PORT_CLIENT_SECRET} from
   * @throws IllegalArgumentException naming the bad argument
   */
  public static PortEmulator start(String[] args, Map<String, String> env, PrintStream out) {
    PortEmulator.Builder builder = PortEmulator.builder();
    RateLimit rateLimit = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.equals("--port")
          && !name.equals("--token-lifetime")
          && !name.equals("--rate-limit")) {
        throw new IllegalArgumentException(
            "unknown argument " + name + "; expected --port, --token-lifetime or --rate-limit");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      if (name.equals("--port")) {
        builder.port(parsePort(value));
      } else if (name.equals("--rate-limit")) {
        RateLimit limit = parseRateLimit(value);
        builder.rateLimit(limit.calls(), limit.period());
        rateLimit = limit;
      } else {
        builder.tokenLifetime(parseDuration(value));
      }
    }
    String id = env.get("PORT_CLIENT_ID");
    String secret = env.get("PORT_CLIENT_SECRET");
    boolean fromEnv = id != null && !id.isBlank() && secret != null && !secret.isBlank();
    if (fromEnv) {
      builder.credentials(new ClientCredentials(id, secret));
    }
    PortEmulator emulator = builder.start();
    out.println("Port emulator listening on " + emulator.baseUri());
    // The names portkit's CLI and PortClient users read, ready to paste into a .env file.
    if (fromEnv) {
      out.println(
          "Using credentials from PORT_CLIENT_ID / PORT_CLIENT_SECRET (client id "
              + emulator.clientId()
              + "); for .env:");
      out.println("PORT_API_URL=" + emulator.baseUri());
    } else {
      out.println("For .env (a generated demo pair, valid for this emulator only):");
      out.println("PORT_API_URL=" + emulator.baseUri());
      out.println("PORT_CLIENT_ID=" + emulator.clientId());
      out.println("PORT_CLIENT_SECRET=" + emulator.clientSecret());
    }
    if (rateLimit != null) {
      out.println(
          "Rate limit: "
              + rateLimit.calls()
              + " calls per "
              + rateLimit.text()
              + " in each of Port's budgets (token route, entities, the rest); past it, 429");
    }
    out.println("Admin: GET " + emulator.baseUri() + "/__emulator/runs, GET /__emulator/requests");
    out.flush();
    return emulator;
  }

  /** A {@code --rate-limit} value: {@code calls} per {@code period}, as the user wrote it. */
  record RateLimit(int calls, Duration period, String text) {}

  /**
   * Parses {@code CALLS/PERIOD}, for example {@code 100/1m} or {@code 20/10s}.
   *
   * @throws IllegalArgumentException naming the value and the form expected
   */
  static RateLimit parseRateLimit(String value) {
    String expected =
        "--rate-limit must be CALLS/PERIOD with a positive whole number of calls and a period"
            + " of at least 1s such as 10s, 1m or PT1M, for example 100/1m; got \""
            + value
            + "\"";
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1) {
      throw new IllegalArgumentException(expected);
    }
    int calls;
    Duration period;
    try {
      calls = Integer.parseInt(value.substring(0, slash).strip());
      period = parseDuration(value.substring(slash + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(expected, e);
    }
    if (calls < 1 || period.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(expected);
    }
    return new RateLimit(calls, period, value.substring(slash + 1).strip());
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--port must be a number 0..65535, got \"" + value + "\"", e);
    }
  }

  static Duration parseDuration(String value) {
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value);
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      switch (value.charAt(value.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          break;
      }
    } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(badDuration(value), e);
    }
    throw new IllegalArgumentException(badDuration(value));
  }

  private static String badDuration(String value) {
    return "--token-lifetime must be an ISO-8601 duration (PT3H) or a number with s, m or h (90m), got \""
        + value
        + "\"";
  }
}
