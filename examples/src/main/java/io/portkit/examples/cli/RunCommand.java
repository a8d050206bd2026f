package io.portkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portkit.client.PortApiException;
import io.portkit.client.PortClient;
import io.portkit.client.PortTransportException;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.Blueprint;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.Ref;
import io.portkit.examples.PortkitCli;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code run RUN_ID}: prints a run's details, its action and its blueprint, each fetched through
 * Port's API (the proof of concept's "minimal webhook, details from the API").
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Show a run's details, its action and its blueprint, fetched through the API.")
public final class RunCommand implements Callable<Integer> {
  @ParentCommand private PortkitCli parent;

  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run, e.g. r_QOz6WoOB1Q2lmhZZ.")
  String runId;

  /** Creates the command; picocli sets the parent and flags. */
  public RunCommand() {}

  @Override
  public Integer call() {
    PrintStream out = parent.environment().out();
    PortClient client = api.quickClient(parent.settings());
    ActionRun run;
    try {
      run = client.runs().get(runId);
    } catch (PortTransportException e) {
      throw PortUnreachable.at(client.baseUri(), e);
    }
    out.println("Run " + run.id());
    field(
        out,
        "status",
        run.status() + (run.statusLabel() == null ? "" : " (" + run.statusLabel() + ")"));
    field(out, "action", ref(run.action()));
    field(out, "blueprint", ref(run.blueprint()));
    field(out, "entity", ref(run.entity()));
    field(out, "created", run.createdAt());
    field(out, "ended", run.endedAt());
    field(out, "summary", run.summary());
    field(out, "links", run.links().isEmpty() ? null : String.join(" ", run.links()));
    field(out, "inputs", run.properties());
    run.actionIdentifier().ifPresent(id -> printAction(out, id, () -> client.catalog().action(id)));
    if (run.blueprint() != null) {
      String id = run.blueprint().identifier();
      printBlueprint(out, id, () -> client.catalog().blueprint(id));
    }
    return 0;
  }

  private static void printAction(PrintStream out, String id, Supplier<Action> fetch) {
    out.println("Action " + id);
    Action action = orNull(fetch, out);
    if (action == null) {
      return;
    }
    field(out, "title", action.title());
    field(out, "trigger", action.triggerType() + " " + action.operation());
    JsonNode method = action.raw().path("invocationMethod");
    field(
        out,
        "invocation",
        method.path("type").asText("?")
            + " "
            + method.path("url").asText("")
            + (method.path("synchronized").asBoolean(false) ? " (synchronized)" : " (async)"));
  }

  private static void printBlueprint(PrintStream out, String id, Supplier<Blueprint> fetch) {
    out.println("Blueprint " + id);
    Blueprint blueprint = orNull(fetch, out);
    if (blueprint == null) {
      return;
    }
    field(out, "title", blueprint.title());
    field(out, "properties", String.join(", ", blueprint.properties().keySet()));
    field(
        out,
        "relations",
        blueprint.relations().isEmpty() ? null : String.join(", ", blueprint.relations().keySet()));
  }

  private static <T> @Nullable T orNull(Supplier<T> fetch, PrintStream out) {
    try {
      return fetch.get();
    } catch (PortApiException e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      field(out, "(not found)", "Port answered 404");
      return null;
    }
  }

  private static String ref(Ref ref) {
    return ref == null
        ? null
        : ref.identifier() + (ref.title() == null ? "" : " (" + ref.title() + ")");
  }

  private static void field(PrintStream out, String name, Object value) {
    if (value != null) {
      out.printf("  %-11s %s%n", name, value);
    }
  }
}
