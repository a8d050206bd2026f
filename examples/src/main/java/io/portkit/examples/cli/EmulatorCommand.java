package io.portkit.examples.cli;

import io.portkit.examples.PortkitCli;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.PortEmulatorMain;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code emulator}: the standalone Port emulator until Ctrl-C, with {@link PortEmulatorMain}'s
 * logic: it accepts {@code PORT_CLIENT_ID}/{@code PORT_CLIENT_SECRET} when both are set (never
 * printing the secret), else prints the demo pair it generated.
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = "Run the standalone Port emulator and print its URL.")
public final class EmulatorCommand implements Callable<Integer> {
  @ParentCommand private PortkitCli parent;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "Port to listen on (default 0: any free port).")
  int port;

  @Option(
      names = "--token-lifetime",
      paramLabel = "DURATION",
      description = "Access token lifetime, e.g. PT3H, 90m, 3h (default 3h).")
  String tokenLifetime;

  /** Creates the command; picocli sets the parent and flags. */
  public EmulatorCommand() {}

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = parent.environment();
    List<String> args = new java.util.ArrayList<>(List.of("--port", Integer.toString(port)));
    if (tokenLifetime != null) {
      args.addAll(List.of("--token-lifetime", tokenLifetime));
    }
    PortEmulator emulator;
    try {
      emulator =
          PortEmulatorMain.start(args.toArray(String[]::new), parent.settings().asMap(), env.out());
    } catch (IllegalArgumentException e) {
      throw new BadSettingException(e.getMessage());
    }
    try (emulator) {
      env.out()
          .println(
              Settings.API_URL
                  + "="
                  + emulator.baseUri()
                  + "  (for .env: the other commands read PORT_API_URL)");
      env.out().println("Press Ctrl-C to stop.");
      env.out().flush();
      env.stop().await();
      return 0;
    }
  }
}
