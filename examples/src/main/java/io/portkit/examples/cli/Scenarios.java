package io.portkit.examples.cli;

import static java.util.Objects.requireNonNull;

import io.portkit.backend.invocation.SecretValue;
import io.portkit.client.PortClient;
import io.portkit.examples.allowlist.AllowlistExpiryScheduler;
import io.portkit.examples.allowlist.TemporaryAllowlist;
import io.portkit.examples.anonymize.ConnectionSource;
import io.portkit.examples.anonymize.DatabaseAnonymizer;
import io.portkit.examples.anonymize.JdbcUrls;
import io.portkit.examples.anonymize.Masker;
import io.portkit.examples.anonymize.SampleDatabase;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.examples.handlers.AllowlistHandler;
import io.portkit.examples.handlers.ExpiredAccessRemover;
import io.portkit.examples.handlers.NoopHandler;
import io.portkit.examples.handlers.RevokeAccessHandler;
import io.portkit.examples.handlers.ScenarioRouter;
import io.portkit.examples.handlers.SimulatorHandler;
import io.portkit.examples.handlers.SnapshotHandler;
import io.portkit.examples.simulator.Pause;
import io.portkit.examples.simulator.SimulationSpeed;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The scenario handlers wired from settings, plus the allowlist expiry scheduler they need while
 * serving. Close it to stop the scheduler. Temporary access is revoked by the automation {@code
 * revoke_temporary_access} when Port's timer expires; the scheduler is the fallback, {@link
 * #EXPIRY_FALLBACK_GRACE} after each expiry.
 *
 * <p>Settings used: {@value Settings#DATA_DIR} (default {@code ./portkit-data}), {@value
 * Settings#DB_URL}/{@value Settings#DB_USER}/{@value Settings#DB_PASSWORD} (default the embedded H2
 * sample), {@value Settings#MASKING_KEY} (default a random key per process). Thread-safe.
 */
public final class Scenarios implements AutoCloseable {
  /** The sample database used when no JDBC URL is configured. */
  public static final String SAMPLE_DATABASE = "portkit_demo";

  /** The allowlist snippet's file name under the data directory. */
  public static final String ALLOWLIST_FILE = "allowlist.conf";

  /**
   * How long after an access's expiry the local fallback waits for Port's timer automation before
   * it removes the address itself.
   */
  public static final Duration EXPIRY_FALLBACK_GRACE = Duration.ofMinutes(2);

  private static String samplePassword;

  private final ScenarioRouter router;
  private final ScheduledExecutorService executor;
  private final AllowlistExpiryScheduler expiry;

  private Scenarios(
      ScenarioRouter router, ScheduledExecutorService executor, AllowlistExpiryScheduler expiry) {
    this.router = router;
    this.executor = executor;
    this.expiry = expiry;
  }

  /**
   * Wires the handlers for {@code kind} on the system clock; see {@link #start(HandlerKind,
   * Settings, Path, PortClient, SimulationSpeed, Pause, Clock)}.
   */
  public static Scenarios start(
      HandlerKind kind,
      Settings settings,
      Path workingDir,
      PortClient client,
      SimulationSpeed speed,
      Pause pause) {
    return start(kind, settings, workingDir, client, speed, pause, Clock.systemUTC());
  }

  /**
   * Wires the handlers for {@code kind} and, for the scenarios, starts the allowlist expiry.
   *
   * @param client deletes expired {@code temporary_access} entities
   * @param workingDir resolves a relative data directory
   * @param clock times grants and their expiry: Port's (the emulator's) clock
   * @throws BadSettingException if the masking key is too short
   */
  public static Scenarios start(
      HandlerKind kind,
      Settings settings,
      Path workingDir,
      PortClient client,
      SimulationSpeed speed,
      Pause pause,
      Clock clock) {
    requireNonNull(kind, "kind == null");
    requireNonNull(clock, "clock == null");
    if (kind == HandlerKind.NOOP) {
      return new Scenarios(ScenarioRouter.all(new NoopHandler()), null, null);
    }
    Path dataDir = workingDir.resolve(settings.get(Settings.DATA_DIR).orElse("portkit-data"));
    TemporaryAllowlist allowlist =
        TemporaryAllowlist.builder()
            .snippetFile(dataDir.resolve(ALLOWLIST_FILE))
            .clock(clock)
            .build();
    ScenarioRouter router =
        new ScenarioRouter(
            Map.of(
                DemoCatalog.PROVISION_ENVIRONMENT, new SimulatorHandler(speed, pause),
                DemoCatalog.GRANT_TEMPORARY_ACCESS, new AllowlistHandler(allowlist),
                DemoCatalog.REVOKE_TEMPORARY_ACCESS, new RevokeAccessHandler(allowlist),
                DemoCatalog.CREATE_ANONYMIZED_DB_COPY,
                    new SnapshotHandler(anonymizer(settings), withPassword(settings))),
            new SimulatorHandler(speed, pause));
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "portkit-allowlist-expiry");
              t.setDaemon(true);
              return t;
            });
    AllowlistExpiryScheduler expiry =
        new AllowlistExpiryScheduler(
            allowlist,
            executor,
            clock,
            Duration.ofMinutes(1),
            EXPIRY_FALLBACK_GRACE,
            new ExpiredAccessRemover(client.entities()));
    expiry.start();
    return new Scenarios(router, executor, expiry);
  }

  private static DatabaseAnonymizer anonymizer(Settings settings) {
    Masker masker;
    try {
      masker = Masker.withKey(settings.get(Settings.MASKING_KEY).orElseGet(Scenarios::randomKey));
    } catch (IllegalArgumentException e) {
      throw new BadSettingException(
          Settings.MASKING_KEY
              + " is too short: use at least "
              + Masker.MIN_KEY_BYTES
              + " bytes of random text");
    }
    DatabaseAnonymizer.Builder builder = DatabaseAnonymizer.builder().masker(masker);
    String url = settings.get(Settings.DB_URL).orElse(null);
    if (url == null) {
      // The sample database has a password only the run's user knows (the secret input): the
      // backend's own source has none, so a run without the input is refused by the database.
      SampleDatabase.open(SAMPLE_DATABASE, samplePassword());
      builder.source(
          ConnectionSource.driverManager(SampleDatabase.url(SAMPLE_DATABASE), "sa", ""),
          SampleDatabase.url(SAMPLE_DATABASE));
    } else {
      ConnectionSource source =
          ConnectionSource.driverManager(
              url,
              settings.get(Settings.DB_USER).orElse(null),
              settings.get(Settings.DB_PASSWORD).orElse(null));
      builder.source(source, JdbcUrls.redact(url));
    }
    return builder.build();
  }

  /** A run's secret input source_password opens the configured (or sample) database with it. */
  private static Function<SecretValue, ConnectionSource> withPassword(Settings settings) {
    String url = settings.get(Settings.DB_URL).orElse(SampleDatabase.url(SAMPLE_DATABASE));
    String user = settings.get(Settings.DB_USER).orElse(url.startsWith("jdbc:h2:") ? "sa" : null);
    return password -> {
      char[] chars = password.toCharArray();
      return () -> DriverManager.getConnection(url, user, new String(chars));
    };
  }

  /**
   * Returns the sample database's password in this JVM: random, made once, 40 letters and digits
   * (the shape the tests' log-secrecy scan looks for). The demo sends it as the secret input {@code
   * source_password}; it is never printed.
   */
  public static synchronized String samplePassword() {
    if (samplePassword == null) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      SecureRandom random = new SecureRandom();
      StringBuilder out = new StringBuilder("Aa0");
      while (out.length() < 40) {
        out.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      samplePassword = out.toString();
    }
    return samplePassword;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  /** Returns the router choosing each run's handler. */
  public ScenarioRouter router() {
    return router;
  }

  /** Stops the expiry scheduler; idempotent. */
  @Override
  public void close() {
    if (expiry != null) {
      expiry.close();
      executor.shutdownNow();
    }
  }
}
