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
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.equals("--port") && !name.equals("--token-lifetime")) {
        throw new IllegalArgumentException(
            "unknown argument " + name + "; expected --port or --token-lifetime");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      if (name.equals("--port")) {
        builder.port(parsePort(value));
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
    out.println("Admin: GET " + emulator.baseUri() + "/__emulator/runs, GET /__emulator/requests");
    out.flush();
    return emulator;
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
