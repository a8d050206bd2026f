package io.portkit.examples.cli;

import io.portkit.backend.journal.RunJournal;
import io.portkit.client.PortAuthenticationException;
import io.portkit.client.PortClient;
import io.portkit.client.PortTransportException;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.examples.PortkitCli;
import io.portkit.examples.simulator.SimulationSpeed;
import io.portkit.tunnel.NoTunnel;
import io.portkit.tunnel.Tunnel;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.ngrok.NgrokOptions;
import io.portkit.tunnel.ngrok.NgrokTunnelProvider;
import java.io.PrintStream;
import java.net.InetAddress;
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
      description = "(default 127.0.0.1) Address to bind; 0.0.0.0 behind a proxy.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8000",
      converter = PortNumber.class,
      description = "(default 8000) Port to bind; 0 for any free port.")
  int port;

  @Option(
      names = "--tunnel",
      paramLabel = "ngrok|none",
      description =
          "(default ngrok with NGROK_AUTHTOKEN, else none) How Port reaches this backend.")
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
          "(default simulator) simulator: the scenarios by action, the simulator for the"
              + " rest; noop: every run ends at once with SUCCESS.")
  HandlerKind handler;

  @Option(
      names = "--speed",
      paramLabel = "real|fast",
      defaultValue = "real",
      description = "(default real) Simulator delays: real (seconds) or fast (milliseconds).")
  SimulationSpeed speed;

  @Option(
      names = "--transport",
      paramLabel = "webhook|kafka",
      defaultValue = "webhook",
      description =
          "(default webhook) webhook: Port calls this backend; kafka: consume ORG_ID.runs"
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
    // Every setting is checked before anything is opened: a mistake exits 2 with nothing to undo.
    if (kind == TunnelKind.NONE && publicUrl != null) {
      NoTunnel.of(parseUrl(publicUrl)); // a bad URL is a setting error, found before binding
    }
    InetAddress address = Backend.address(host);
    NgrokTunnelProvider ngrok = kind == TunnelKind.NGROK ? ngrok(settings) : null;
    PortClient client = api.client(settings);
    String secret = api.credentials(settings).clientSecret();
    checkCredentials(client, api.credentials(settings).clientId(), env.out());
    Timeline timeline = new Timeline(env.out());
    try (RunJournal runs = journal.open(settings, env.workingDir(), "portkit-data/journal");
        Scenarios scenarios =
            Scenarios.start(handler, settings, env.workingDir(), client, speed, env.pause());
        Backend backend =
            Backend.start(client, secret, scenarios.router(), timeline, address, port, runs);
        Tunnel open = openTunnel(ngrok, backend)) {
      printInstructions(open.publicUrl(), backend, env.out());
      env.stop().await();
      env.out().println("Stopping: receiver, runs in flight" + (ngrok != null ? ", tunnel." : "."));
      return 0;
    }
  }

  /**
   * Names the API this backend reports to and asks it for a token, so a wrong secret or URL is
   * found now rather than at the first webhook.
   */
  static void checkCredentials(PortClient client, String clientId, PrintStream out) {
    out.println("Port API: " + client.baseUri() + " (client id " + clientId + ")");
    try {
      client.checkCredentials();
    } catch (PortAuthenticationException e) {
      throw PortUnreachable.refused(client.baseUri(), clientId, e);
    } catch (PortTransportException e) {
      throw PortUnreachable.at(client.baseUri(), e);
    }
    out.println("Credentials accepted: Port issued an access token.");
    out.flush();
  }

  private int serveKafka(CliEnvironment env, Settings settings) throws Exception {
    var kafka = KafkaServe.settings(settings.asMap());
    PortClient client = api.client(settings);
    String secret = api.credentials(settings).clientSecret();
    checkCredentials(client, api.credentials(settings).clientId(), env.out());
    try (RunJournal runs = journal.open(settings, env.workingDir(), "portkit-data/journal");
        Scenarios scenarios =
            Scenarios.start(handler, settings, env.workingDir(), client, speed, env.pause())) {
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
    out.println(
        "The same invocationMethod serves your automations (Automations > automation > Edit"
            + " JSON): the body carries their event.");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
