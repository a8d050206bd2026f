package io.portkit.examples.cli;

import io.portkit.client.PortClient;
import io.portkit.examples.allowlist.TemporaryAccess;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.examples.demo.DemoClock;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.TiedEntity;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The demo's last step: moves the emulator's clock past the granted access's expiry, so that Port's
 * timer fires the automation {@code revoke_temporary_access}, and prints that run's timeline like
 * the others. The clock stops short of the local fallback's grace, so the automation is the one
 * that revokes.
 */
final class DemoExpiry {
  /** How far past the access's expiry the clock is moved; under the fallback's grace. */
  static final Duration PAST_EXPIRY = Duration.ofSeconds(30);

  private DemoExpiry() {}

  /**
   * Plays the expiry of the access granted by the successful {@code grant_temporary_access} run
   * among {@code rows} (run, action, expected, actual).
   *
   * @return the automation run's row for the summary
   */
  static String[] play(
      List<String[]> rows,
      DemoClock clock,
      PortEmulator emulator,
      PortClient client,
      Timeline timeline,
      PrintStream out)
      throws InterruptedException {
    String automation = DemoCatalog.REVOKE_TEMPORARY_ACCESS;
    String[] missing = {"-", automation, "SUCCESS", "MISSING"};
    out.println();
    Optional<String> entity = grantedEntity(rows, emulator);
    if (entity.isEmpty()) {
      out.println("> " + automation + ": no access was granted, so no timer can expire");
      return missing;
    }
    var properties = client.entities().get(TemporaryAccess.BLUEPRINT, entity.get()).properties();
    Instant expiresAt = Instant.parse(properties.get(DemoCatalog.ACCESS_TIMER).asText());
    Duration skip = Duration.between(clock.instant(), expiresAt).plus(PAST_EXPIRY);
    skip = skip.isNegative() ? Duration.ZERO : skip;
    out.println(
        "> "
            + automation
            + ": the clock jumps "
            + skip.toMinutes()
            + " min "
            + skip.toSecondsPart()
            + " s, past the expiry of "
            + properties.get("ip").asText()
            + ": Port's timer fires the automation (the local expiry is only the fallback, "
            + Scenarios.EXPIRY_FALLBACK_GRACE.toMinutes()
            + " min later)");
    clock.skip(skip);
    emulator.checkTimers(); // now, rather than on the emulator's next one-second tick
    Optional<EmulatedRun> run =
        emulator.runs().stream().filter(r -> r.action().equals(automation)).findFirst();
    if (run.isEmpty()) {
      out.println("  no run of " + automation + " was created: " + emulator.automationWarnings());
      return missing;
    }
    String id = run.get().id();
    out.println("  [" + id + "] created  status " + run.get().status().value());
    String printed = timeline.awaitEnd(id, DemoCommand.RUN_TIMEOUT);
    if (printed.isEmpty()) {
      out.println(
          "  [" + id + "] did not finish within " + DemoCommand.RUN_TIMEOUT.toSeconds() + " s");
    }
    String status = emulator.run(id).map(r -> r.status().value()).orElse("MISSING");
    return new String[] {id, automation, "SUCCESS", status};
  }

  private static Optional<String> grantedEntity(List<String[]> rows, PortEmulator emulator) {
    return rows.stream()
        .filter(r -> r[1].equals(DemoCatalog.GRANT_TEMPORARY_ACCESS) && r[3].equals("SUCCESS"))
        .flatMap(r -> emulator.run(r[0]).stream())
        .flatMap(r -> r.entities().stream())
        .filter(e -> e.blueprint().equals(TemporaryAccess.BLUEPRINT))
        .map(TiedEntity::identifier)
        .findFirst();
  }
}
