package io.portkit.examples.cli;

import io.portkit.examples.PortkitCli;
import io.portkit.examples.demo.DemoCatalog;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.PortEmulatorMain;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code emulator}: the standalone Port emulator until Ctrl-C, with {@link PortEmulatorMain}'s
 * logic: it accepts {@code PORT_CLIENT_ID}/{@code PORT_CLIENT_SECRET} when both are set (never
 * printing the secret), else prints the demo pair it generated, as lines for {@code .env}. With
 * {@code --catalog demo} it also defines the demo's blueprints and actions, whose webhooks go to a
 * {@code serve} receiver: the step from the demo to {@code serve} without a Port account.
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
      converter = PortNumber.class,
      description = "(default 0: any free port) Port to listen on.")
  int port;

  @Option(
      names = "--catalog",
      paramLabel = "none|demo",
      defaultValue = "none",
      description =
          "(default none) demo: define the demo's blueprints and actions, with webhooks to"
              + " --webhook-url.")
  CatalogKind catalog;

  @Option(
      names = "--webhook-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8000/",
      description =
          "(default http://127.0.0.1:8000/) With --catalog demo: where the actions' webhooks"
              + " go, a serve receiver.")
  String webhookUrl;

  @Option(
      names = "--token-lifetime",
      paramLabel = "DURATION",
      description = "(default 3h) Access token lifetime, e.g. PT3H, 90m, 3h.")
  String tokenLifetime;

  @Option(
      names = "--rate-limit",
      paramLabel = "CALLS/PERIOD",
      description =
          "(default none) Answer 429 past CALLS per PERIOD, e.g. 100/1m, as Port's rate limit"
              + " does: try a backend against a small budget.")
  String rateLimit;

  /** Creates the command; picocli sets the parent and flags. */
  public EmulatorCommand() {}

  /** What {@code --catalog} defines in the emulator. */
  public enum CatalogKind {
    /** Nothing: an empty organization. */
    NONE,
    /** The demo's blueprints and actions. */
    DEMO
  }

  private static URI webhookUrl(String url) {
    try {
      URI uri = URI.create(url.strip());
      if (uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new BadSettingException(
        "--webhook-url must be an absolute http(s) URL with a host, for example"
            + " http://127.0.0.1:8000/, got "
            + url);
  }

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = parent.environment();
    URI hook = catalog == CatalogKind.DEMO ? webhookUrl(webhookUrl) : null;
    List<String> args = new java.util.ArrayList<>(List.of("--port", Integer.toString(port)));
    if (tokenLifetime != null) {
      args.addAll(List.of("--token-lifetime", tokenLifetime));
    }
    if (rateLimit != null) {
      args.addAll(List.of("--rate-limit", rateLimit));
    }
    PortEmulator emulator;
    try {
      emulator =
          PortEmulatorMain.start(args.toArray(String[]::new), parent.settings().asMap(), env.out());
    } catch (IllegalArgumentException e) {
      throw new BadSettingException(e.getMessage());
    }
    try (emulator) {
      if (catalog == CatalogKind.DEMO) {
        DemoCatalog.install(emulator, hook);
        env.out()
            .println(
                "Catalog: blueprints "
                    + DemoCatalog.BLUEPRINTS
                    + ", actions "
                    + DemoCatalog.ACTIONS
                    + ", webhooks to "
                    + hook);
        env.out()
            .println(
                "Next, with those lines in .env: serve --tunnel none --port "
                    + (hook.getPort() < 0 ? 80 : hook.getPort())
                    + ", then from another terminal: trigger "
                    + DemoCatalog.PROVISION_ENVIRONMENT
                    + " --input name=dev --wait");
      }
      env.out().println("Press Ctrl-C to stop.");
      env.out().flush();
      env.stop().await();
      return 0;
    }
  }
}
