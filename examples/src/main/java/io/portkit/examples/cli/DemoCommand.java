package io.portkit.examples.cli;

import io.portkit.client.PortClient;
import io.portkit.client.run.ActionRun;
import io.portkit.examples.PortkitCli;
import io.portkit.examples.ci.CiCallback;
import io.portkit.examples.ci.CiPipelineHandler;
import io.portkit.examples.ci.CiStandIn;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.examples.demo.DemoClock;
import io.portkit.examples.simulator.SimulationSpeed;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RunAssertionError;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code demo}: the embedded default. Starts the Port emulator with the demo catalog, the receiver
 * its actions and automations call, triggers one run of each scenario plus one that must fail, then
 * moves the clock past the granted access's expiry so that Port's timer runs the automation that
 * revokes it, and prints each run's timeline. Then serves until Ctrl-C, or with {@code --once}
 * prints a summary and exits 0 if every run ended as it should, else 1.
 *
 * <p>Everything that compares times with the emulator runs on one {@link DemoClock}: the emulator,
 * the client, the backend's signature verifier, the allowlist and its expiry fallback.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run every scenario against an in-process Port emulator (the default command).")
public final class DemoCommand implements Callable<Integer> {
  /** How long one demo run may take before it counts as not finished. */
  public static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  /** How long the demo's CI stand-in takes before it calls back. */
  public static final Duration CI_PIPELINE_TIME = Duration.ofSeconds(2);

  /** How long a handed-off demo run waits for the CI's callback. */
  public static final Duration CI_DEADLINE = Duration.ofSeconds(6);

  @ParentCommand private PortkitCli parent;

  @Option(names = "--once", description = "Exit after the runs finish: 0 if all ended as expected.")
  boolean once;

  @Option(
      names = "--speed",
      paramLabel = "real|fast",
      defaultValue = "fast",
      description = "(default fast) Simulator delays: real (seconds) or fast (milliseconds).")
  SimulationSpeed speed;

  @Mixin JournalOptions journal = new JournalOptions();

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      converter = PortNumber.class,
      description = "(default 0: any free port) Receiver port.")
  int port;

  /** Creates the command; picocli sets the parent and flags. */
  public DemoCommand() {}

  /** Creates the command with default flags, for running the demo without a subcommand. */
  public DemoCommand(PortkitCli parent) {
    this.parent = parent;
    this.speed = SimulationSpeed.FAST;
  }

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = parent.environment();
    Settings settings = parent.settings();
    PrintStream out = env.out();
    Timeline timeline = new Timeline(out);
    DemoClock clock = DemoClock.systemUtc();
    try (PortEmulator emulator = PortEmulator.builder().clock(clock).start()) {
      PortClient client =
          PortClient.builder()
              .baseUri(emulator.baseUri())
              .credentials(emulator.credentials())
              .clock(clock)
              .build();
      String ciSecret = randomSecret();
      AtomicReference<URI> callback = new AtomicReference<>();
      try (Scenarios scenarios =
              Scenarios.start(
                  HandlerKind.SIMULATOR,
                  settings,
                  env.workingDir(),
                  client,
                  speed,
                  env.pause(),
                  clock);
          CiStandIn ci =
              CiStandIn.start(
                  ciSecret, CI_PIPELINE_TIME, (job, what) -> timeline.print(job, "ci", what));
          Backend backend =
              Backend.start(
                  client,
                  emulator.clientSecret(),
                  scenarios
                      .router()
                      .with(
                          DemoCatalog.RUN_CI_PIPELINE,
                          new CiPipelineHandler(
                              ci.jobsUri(), callback::get, CI_DEADLINE, Clock.systemUTC())),
                  timeline,
                  InetAddress.getLoopbackAddress(),
                  port,
                  journal.open(settings, env.workingDir(), "portkit-data/journal-demo"),
                  clock,
                  Map.of(CiCallback.PATH, CiCallback.create(ciSecret)))) {
        callback.set(backend.uri().resolve(CiCallback.PATH));
        DemoCatalog.install(emulator, backend.uri());
        out.println(
            "portkit demo: Port emulator at "
                + emulator.baseUri()
                + ", receiver at "
                + backend.uri());
        out.println(
            "Catalog: blueprints "
                + DemoCatalog.BLUEPRINTS
                + ", actions "
                + DemoCatalog.ACTIONS
                + ", automations "
                + DemoCatalog.AUTOMATIONS);
        List<String[]> rows = new ArrayList<>();
        for (DemoRun demo : DemoRun.ALL) {
          if (env.stop().isRequested()) {
            break;
          }
          rows.add(play(demo, client, emulator, timeline, out, env.stop()));
        }
        if (env.stop().isRequested()) {
          // Ctrl-C while the demo runs played: stop in order, the run in flight reported FAILURE
          // (its line on the timeline) while the emulator is still up, which closes last.
          out.println("Stopping: receiver, runs in flight, emulator.");
          return once ? 1 : 0;
        }
        rows.add(DemoExpiry.play(rows, clock, emulator, client, timeline, out));
        boolean allOk = rows.stream().allMatch(r -> r[2].equals(r[3]));
        printSummary(rows, out);
        if (once) {
          out.println(allOk ? "All runs ended as expected." : "Some runs did not end as expected.");
          return allOk ? 0 : 1;
        }
        DemoAccess.printHowToTriggerMore(emulator, env, out);
        env.stop().await();
        out.println("Stopping: receiver, runs in flight, emulator.");
        return 0;
      }
    }
  }

  private static String[] play(
      DemoRun demo,
      PortClient client,
      PortEmulator emulator,
      Timeline timeline,
      PrintStream out,
      StopSignal stop)
      throws InterruptedException {
    out.println();
    out.println("> " + demo.action() + " " + demo.inputs() + ": " + demo.why());
    ActionRun run =
        client.runs().create(demo.action(), demo.inputsToSend(Scenarios.samplePassword()), null);
    out.println("  [" + run.id() + "] created  status " + run.status());
    String printed = timeline.awaitEnd(run.id(), RUN_TIMEOUT, stop.requested());
    if (printed.equals(Timeline.HANDED_OFF)) {
      // The handler returned; the CI's callback (or the deadline) ends the run, through Port.
      try {
        EmulatedRun done = emulator.awaitFinalStatus(run.id(), RUN_TIMEOUT);
        timeline.print(
            run.id(), done.status().value(), done.summary() == null ? "" : done.summary());
      } catch (RunAssertionError e) {
        printed = "";
      }
    }
    String status = emulator.run(run.id()).map(r -> r.status().value()).orElse("MISSING");
    if (printed.isEmpty() && !stop.isRequested()) {
      out.println("  [" + run.id() + "] did not finish within " + RUN_TIMEOUT.toSeconds() + " s");
    }
    return new String[] {run.id(), demo.action(), demo.expected(), status};
  }

  private static String randomSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  private static void printSummary(List<String[]> rows, PrintStream out) {
    out.println();
    String format = "%-20s %-27s %-9s %-11s %s%n";
    out.printf(format, "RUN", "ACTION", "EXPECTED", "ACTUAL", "OK");
    for (String[] r : rows) {
      out.printf(format, r[0], r[1], r[2], r[3], r[2].equals(r[3]) ? "yes" : "NO");
    }
  }
}
