package io.portkit.examples;

import io.portkit.client.internal.PortkitVersion;
import io.portkit.examples.cli.BadSettingException;
import io.portkit.examples.cli.CliEnvironment;
import io.portkit.examples.cli.DemoCommand;
import io.portkit.examples.cli.EmulatorCommand;
import io.portkit.examples.cli.LazyFlushStream;
import io.portkit.examples.cli.MissingSettingException;
import io.portkit.examples.cli.RunCommand;
import io.portkit.examples.cli.ServeCommand;
import io.portkit.examples.cli.Settings;
import io.portkit.examples.cli.SimulateCommand;
import io.portkit.examples.cli.StopSignal;
import io.portkit.examples.cli.TriggerCommand;
import io.portkit.examples.simulator.Pause;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The portkit examples program: {@code demo} (the default), {@code serve}, {@code simulate}, {@code
 * run}, {@code trigger} and {@code emulator}.
 *
 * <pre>
 * java -jar examples/target/port-examples.jar                 # the demo, against the emulator
 * java -jar examples/target/port-examples.jar serve --tunnel none --public-url https://...
 * </pre>
 *
 * <p>Settings come from environment variables, then a {@code .env} file in the working directory
 * (it overrides them), then flags (which override both). Exit codes: 0 success, 1 a runtime
 * failure, 2 a missing or bad setting or flag (one line naming it).
 */
@Command(
    name = "portkit",
    mixinStandardHelpOptions = true,
    versionProvider = PortkitCli.Version.class,
    usageHelpAutoWidth = true,
    description =
        "Backends for Port self-service actions: demo, serve, simulate, run, trigger,"
            + " emulator. Without a command, runs the demo.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      SimulateCommand.class,
      RunCommand.class,
      TriggerCommand.class,
      EmulatorCommand.class,
      HelpCommand.class
    })
public final class PortkitCli implements Callable<Integer> {
  private final CliEnvironment environment;

  // Inherited: accepted before or after the command (portkit trigger --env-file x ...).
  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "(default .env) The .env file, relative to the working directory.")
  private Path envFile;

  /** Creates the top command for {@code environment}. */
  public PortkitCli(CliEnvironment environment) {
    this.environment = java.util.Objects.requireNonNull(environment, "environment == null");
  }

  /** Runs the program and exits the JVM with its exit code. */
  public static void main(String[] args) {
    // First, before any logger exists: the log binding writes to this (one line per webhook).
    LazyFlushStream stderr = LazyFlushStream.install();
    CliEnvironment environment =
        new CliEnvironment(
            System.getenv(),
            Path.of(""),
            System.out,
            System.err,
            StopSignal.onShutdown(Duration.ofSeconds(20)),
            Pause.sleeping());
    int code = execute(environment, args);
    stderr.flushNow();
    environment.stop().stopped();
    System.exit(code);
  }

  /**
   * Runs the program with {@code args}.
   *
   * @return the exit code: 0 success, 1 runtime failure, 2 missing or bad setting or flag
   */
  public static int execute(CliEnvironment environment, String... args) {
    CommandLine cli = new CommandLine(new PortkitCli(environment));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(environment.out(), true));
    cli.setErr(new PrintWriter(environment.err(), true));
    // A mistake in the command line: the error and one hint, not the whole usage block.
    cli.setParameterExceptionHandler(
        (e, commandLine) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("portkit: " + e.getMessage());
          err.println(
              "Try '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for more information.");
          err.flush();
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          boolean setting =
              e instanceof MissingSettingException || e instanceof BadSettingException;
          String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
          environment.err().println("portkit: " + message);
          return setting ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
    return cli.execute(args);
  }

  /** Runs the demo with its defaults (no subcommand given). */
  @Override
  public Integer call() throws Exception {
    return new DemoCommand(this).call();
  }

  /** Returns the process environment this program runs in. */
  public CliEnvironment environment() {
    return environment;
  }

  /**
   * Returns the settings: environment variables overridden by the {@code .env} file.
   *
   * @throws BadSettingException if the {@code .env} file cannot be parsed
   */
  public Settings settings() {
    Path file = envFile != null ? envFile : Path.of(".env");
    try {
      // A file the user named must exist; the default .env may be absent.
      return Settings.load(
          environment.environment(), environment.workingDir().resolve(file), envFile != null);
    } catch (IllegalArgumentException e) {
      throw new BadSettingException(e.getMessage());
    }
  }

  /** The version picocli prints for {@code --version}: the build's, not a literal. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "portkit " + PortkitVersion.get() + " (Java " + Runtime.version().feature() + ")"
      };
    }
  }
}
