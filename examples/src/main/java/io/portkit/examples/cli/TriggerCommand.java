package io.portkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.PortClient;
import io.portkit.client.PortTransportException;
import io.portkit.client.run.ActionRun;
import io.portkit.examples.PortkitCli;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code trigger ACTION}: creates a run through Port's API ({@code POST /v1/actions/{id}/runs})
 * and, with {@code --wait}, follows it to its end, printing its timeline as the demo does (logs,
 * labels, links, a waiting line while nothing moves, the final status and where to see the run).
 * Exits 0 on SUCCESS (or when not waiting), 1 on FAILURE, when the wait runs out, or when Port
 * cannot be reached (one line naming the URL).
 */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = "Create a run of an action through the API; --wait follows it to its end.")
public final class TriggerCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @ParentCommand private PortkitCli parent;

  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "ACTION", description = "The action identifier.")
  String action;

  @Option(names = "--entity", paramLabel = "ID", description = "The entity, for day-2 actions.")
  String entity;

  @Option(
      names = "--input",
      paramLabel = "KEY=VALUE",
      description =
          "A user input; VALUE is read as JSON when it parses (30, true, [\"a\"]),"
              + " else as text. Repeatable.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--wait", description = "Follow the run until it ends.")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      converter = PositiveNumber.class,
      description = "(default 600) How long --wait follows the run.")
  long timeoutSeconds;

  @Option(
      names = "--poll",
      paramLabel = "MILLIS",
      defaultValue = "1000",
      converter = PositiveNumber.class,
      description = "(default 1000) How often --wait reads the run.")
  long pollMillis;

  /** Creates the command; picocli sets the parent and flags. */
  public TriggerCommand() {}

  @Override
  public Integer call() throws Exception {
    Map<String, Object> properties = properties(inputs);
    CliEnvironment env = parent.environment();
    PrintStream out = env.out();
    PortClient client = api.quickClient(parent.settings());
    ActionRun run;
    try {
      run = client.runs().create(action, properties, entity);
    } catch (PortTransportException e) {
      throw PortUnreachable.at(client.baseUri(), e);
    }
    out.println("Created run " + run.id() + " of " + action + " (status " + run.status() + ")");
    if (!await) {
      return 0;
    }
    return new RunFollower(client, new Timeline(out), env.pause(), Duration.ofMillis(pollMillis))
        .follow(run.id(), Duration.ofSeconds(timeoutSeconds));
  }

  static Map<String, Object> properties(List<String> inputs) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (String input : inputs) {
      int eq = input.indexOf('=');
      if (eq <= 0) {
        throw new BadSettingException("--input must be KEY=VALUE, got " + input);
      }
      properties.put(input.substring(0, eq).strip(), value(input.substring(eq + 1)));
    }
    return properties;
  }

  private static Object value(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? text : node;
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}
