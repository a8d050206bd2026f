package io.portkit.examples.cli;

import io.portkit.backend.invocation.RunInvocation;
import io.portkit.client.PortClient;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.RunContext;
import io.portkit.examples.PortkitCli;
import io.portkit.examples.handlers.SimulatorHandler;
import io.portkit.examples.simulator.SimulationSpeed;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code simulate RUN_ID}: plays the simulator by hand against a run that {@code POST /manual}
 * acknowledged, printing its timeline. Exits 0 when the run ends with SUCCESS.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run the simulator against an existing run (one that /manual acknowledged).")
public final class SimulateCommand implements Callable<Integer> {
  @ParentCommand private PortkitCli parent;

  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, e.g. r_QOz6WoOB1Q2lmhZZ.")
  String runId;

  @Option(
      names = "--speed",
      paramLabel = "real|fast",
      defaultValue = "real",
      description = "(default real) Simulator delays: real (seconds) or fast (milliseconds).")
  SimulationSpeed speed;

  /** Creates the command; picocli sets the parent and flags. */
  public SimulateCommand() {}

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = parent.environment();
    PortClient client = api.client(parent.settings());
    ActionRun run = client.runs().get(runId);
    if (run.status().isTerminal()) {
      env.err()
          .println(
              "portkit: run "
                  + runId
                  + " already ended with "
                  + run.status()
                  + ": trigger a new run and acknowledge it with POST /manual");
      return 1;
    }
    env.out()
        .println(
            "Simulating run "
                + runId
                + " (action "
                + run.actionIdentifier().orElse("?")
                + ", "
                + speed.name().toLowerCase()
                + " speed)");
    Timeline timeline = new Timeline(env.out());
    RunContext ctx = timeline.watch(client.runContext(runId));
    new SimulatorHandler(speed, env.pause()).handle(RunInvocation.fromRun(run), ctx);
    return ctx.isFinished() ? 0 : 1;
  }
}
