package io.portkit.examples.cli;

import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.examples.PortkitCli;
import io.portkit.examples.simulator.SimulationSpeed;
import io.portkit.tunnel.NoTunnel;
import io.portkit.tunnel.Tunnel;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.ngrok.NgrokOptions;
import io.portkit.tunnel.ngrok.NgrokTunnelProvider;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve}: the backend for real Port. Verifies each webhook with the client secret; {@code
 * POST /} acknowledges and runs the handler of the run's action, {@code POST /manual} only
 * acknowledges (run it later with {@code simulate RUN_ID}). Prints the public URL and the {@code
 * invocationMethod} to paste into the action, then serves until Ctrl-C.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Receive Port's webhooks and run the scenario handlers.")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand private PortkitCli parent;

  @Mixin ApiOptions api = new ApiOptions();

  @Mixin JournalOptions journal = new JournalOptions();

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default 127.0.0.1).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8000",
      description = "Port to bind (default 8000; 0 for any free port).")
  int port;

  @Option(
      names = "--tunnel",
      paramLabel = "ngrok|none",
      description = "ngrok or none (default ngrok when NGROK_AUTHTOKEN is set, else none).")
  TunnelKind tunnel;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description = "With --tunnel none: the URL Port reaches this backend at.")
  String publicUrl;

  @Option(
      names = "--handler",
      paramLabel = "simulator|noop",
      defaultValue = "simulator",
      description =
          "simulator: the scenarios by action, the simulator for the rest (default);"
              + " noop: every run ends at once with SUCCESS.")
  HandlerKind handler;

  @Option(
      names = "--speed",
      paramLabel = "real|fast",
      defaultValue = "real",
      description = "Simulator delays: real (seconds, default) or fast (milliseconds).")
  SimulationSpeed speed;

  @Option(
      names = "--transport",
      paramLabel = "webhook|kafka",
      defaultValue = "webhook",
      description =
          "webhook: Port calls this backend (default); kafka: consume ORG_ID.runs"
              + " (PORT_KAFKA_* settings).")
  Transport transport;

  /** Creates the command; picocli sets the parent and flags. */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = parent.environment();
    Settings settings = parent.settings();
    if (transport == Transport.KAFKA) {
      return serveKafka(env, settings);
    }
    TunnelKind kind =
        tunnel != null
            ? tunnel
            : settings.get(Settings.NGROK_AUTHTOKEN).isPresent()
                ? TunnelKind.NGROK
                : TunnelKind.NONE;
    if (kind == TunnelKind.NONE && publicUrl != null) {
      NoTunnel.of(parseUrl(publicUrl)); // a bad URL is a setting error, found before binding
    }
    NgrokTunnelProvider ngrok = kind == TunnelKind.NGROK ? ngrok(settings) : null;
    PortClient client = api.client(settings);
    String secret = api.credentials(settings).clientSecret();
    Timeline timeline = new Timeline(env.out());
    try (Scenarios scenarios =
            Scenarios.start(handler, settings, env.workingDir(), client, speed, env.pause());
        Backend backend =
            Backend.start(
                client,
                secret,
                scenarios.router(),
                timeline,
                host,
                port,
                journal.open(settings, env.workingDir(), "portkit-data/journal"));
        Tunnel open = openTunnel(ngrok, backend)) {
      printInstructions(open.publicUrl(), backend, env.out());
      env.stop().await();
      env.out().println("Stopping: receiver, runs in flight, tunnel.");
      return 0;
    }
  }

  private int serveKafka(CliEnvironment env, Settings settings) throws Exception {
    var kafka = KafkaServe.settings(settings.asMap());
    PortClient client = api.client(settings);
    String secret = api.credentials(settings).clientSecret();
    try (Scenarios scenarios =
            Scenarios.start(handler, settings, env.workingDir(), client, speed, env.pause());
        RunJournal runs = journal.open(settings, env.workingDir(), "portkit-data/journal")) {
      return KafkaServe.serve(
          kafka,
          client,
          secret,
          scenarios.router(),
          new Timeline(env.out()),
          runs,
          env.stop(),
          env.out());
    }
  }

  private static NgrokTunnelProvider ngrok(Settings settings) {
    try {
      return NgrokTunnelProvider.create(NgrokOptions.fromEnv(settings.asMap()));
    } catch (TunnelException e) {
      if (e.reason() == TunnelException.Reason.AUTHTOKEN_MISSING) {
        throw new MissingSettingException(Settings.NGROK_AUTHTOKEN, null);
      }
      throw new BadSettingException(e.getMessage());
    }
  }

  private Tunnel openTunnel(NgrokTunnelProvider ngrok, Backend backend) {
    if (ngrok == null) {
      return NoTunnel.of(publicUrl != null ? parseUrl(publicUrl) : backend.uri());
    }
    return ngrok.open(URI.create("http://127.0.0.1:" + backend.port()));
  }

  private static URI parseUrl(String url) {
    try {
      return NoTunnel.of(URI.create(url.strip())).publicUrl();
    } catch (IllegalArgumentException | TunnelException e) {
      throw new BadSettingException(
          "--public-url must be an absolute http(s) URL with a host,"
              + " for example https://port-backend.example.com, got "
              + url);
    }
  }

  private static void printInstructions(URI publicUrl, Backend backend, PrintStream out)
      throws Exception {
    URI delivery =
        publicUrl.getPath() == null || publicUrl.getPath().isEmpty()
            ? publicUrl.resolve("/")
            : publicUrl;
    InvocationMethod method = InvocationMethod.webhook(delivery);
    out.println("Receiving Port webhooks at " + delivery + " (local " + backend.uri() + ")");
    out.println("  POST " + delivery + "        verify, acknowledge, run the handler");
    out.println(
        "  POST "
            + delivery.resolve("manual")
            + "  verify and acknowledge only;"
            + " then: simulate RUN_ID");
    out.println(
        "  (POST /manual is on in this CLI: it runs nothing, so finish such runs with simulate"
            + " RUN_ID)");
    out.println("Paste this invocationMethod into your Port action:");
    out.println(method.toJson());
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
