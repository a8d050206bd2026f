package io.portkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.examples.PortkitCli;
import io.portkit.kafka.KafkaSettings;
import io.portkit.tunnel.ngrok.NgrokOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps {@code docs/configuration.md} true: it names every flag of every {@code portkit} command
 * (in that command's section) and every environment variable the CLI reads, and nothing else.
 *
 * <p>Flags come from picocli's {@link CommandSpec}; variables from the constants of {@link
 * Settings}. In the doc, a flag or variable counts where it appears in inline code ({@code `--port
 * N`}, {@code `PORT_API_URL`}) outside fenced code blocks; a command's section is the {@code ###
 * `name ...`} heading and what follows it up to the next heading.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Path ENV_EXAMPLE = Path.of("..", ".env.example");

  /** The prefixes every CLI variable starts with; any name in the doc with one must be real. */
  private static final Pattern VARIABLE =
      Pattern.compile("\\b(?:PORT|PORTKIT|NGROK)_[A-Z0-9_]*\\*?");

  private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--?[A-Za-z][\\w-]*");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern COMMAND_HEADING = Pattern.compile("^###\\s+`([a-z][\\w-]*)[^`]*`");

  @Test
  void everyFlagOfEveryCommand_isInItsSectionOfTheDoc() throws IOException {
    Doc doc = Doc.read(DOC);
    CommandSpec root = cli();
    List<String> missing = new ArrayList<>();
    for (String name : names(root, false)) {
      if (!doc.flags(null).contains(name)) {
        missing.add("portkit " + name);
      }
    }
    for (CommandSpec command :
        root.subcommands().values().stream().map(c -> c.getCommandSpec()).toList()) {
      Set<String> section = doc.flags(command.name());
      for (String name : names(command, false)) {
        if (!section.contains(name)) {
          missing.add("portkit " + command.name() + " " + name);
        }
      }
    }
    for (String name : helpNames(root)) {
      if (!doc.flags(null).contains(name)) {
        missing.add(name);
      }
    }

    assertThat(missing)
        .as("flags the CLI has but " + DOC + " does not list (in the command's section)")
        .isEmpty();
  }

  @Test
  void everyFlagTheDocNames_isAFlagOfThatCommand() throws IOException {
    Doc doc = Doc.read(DOC);
    CommandSpec root = cli();
    Set<String> global = new TreeSet<>(names(root, true));
    Set<String> any = new TreeSet<>(global);
    List<String> unknown = new ArrayList<>();
    for (String section : doc.sections()) {
      CommandLine sub = root.subcommands().get(section);
      if (sub == null) {
        unknown.add("section `" + section + "` (no such command)");
        continue;
      }
      Set<String> known = new TreeSet<>(global);
      known.addAll(names(sub.getCommandSpec(), true));
      any.addAll(known);
      for (String flag : doc.flags(section)) {
        if (!known.contains(flag)) {
          unknown.add("portkit " + section + " " + flag);
        }
      }
    }
    for (String flag : doc.flags(null)) {
      if (!any.contains(flag)) {
        unknown.add(flag);
      }
    }

    assertThat(unknown).as("flags " + DOC + " names that the CLI does not have").isEmpty();
  }

  @Test
  void everyVariableTheCliReads_isInTheDoc() throws IOException {
    Doc doc = Doc.read(DOC);

    List<String> missing =
        variables().stream()
            .map(ConfigurationDocTest::written)
            .filter(v -> !doc.variables.contains(v))
            .toList();

    assertThat(missing).as("variables the CLI reads but " + DOC + " does not list").isEmpty();
  }

  @Test
  void everyVariableTheDocNames_isOneTheCliReads() throws IOException {
    Doc doc = Doc.read(DOC);

    assertThat(unknownVariables(doc.variables))
        .as("variables " + DOC + " names that the CLI does not read")
        .isEmpty();
  }

  @Test
  void everyVariableInEnvExample_isOneTheCliReads() throws IOException {
    Set<String> named = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Files.readString(ENV_EXAMPLE, StandardCharsets.UTF_8));
    while (m.find()) {
      named.add(m.group());
    }

    assertThat(unknownVariables(named))
        .as("variables " + ENV_EXAMPLE + " names that the CLI does not read")
        .isEmpty();
  }

  /** The names the CLI passes on to port-tunnel and port-kafka must have a Settings constant. */
  @Test
  void everyVariableOfTheLibrariesTheCliConfigures_hasASettingsConstant() {
    Set<String> settings = variables();
    List<String> missing = new ArrayList<>();
    for (String name :
        constants(NgrokOptions.class, f -> f.getName().endsWith("_VARIABLE")).values()) {
      if (!settings.contains(name)) {
        missing.add("NgrokOptions " + name);
      }
    }
    for (String name :
        constants(KafkaSettings.class, f -> f.getName().startsWith("ENV_")).values()) {
      if (!settings.contains(name)) {
        missing.add("KafkaSettings " + name);
      }
    }

    assertThat(missing).as("environment names with no constant in Settings").isEmpty();
    assertThat(settings)
        .allMatch(v -> VARIABLE.matcher(v).matches(), "starts with PORT_, PORTKIT_ or NGROK_");
  }

  private static CommandSpec cli() {
    CliEnvironment env = new Cli(Map.of(), Path.of(".")).environment;
    return new CommandLine(new PortkitCli(env)).getCommandSpec();
  }

  /** Option names of {@code command}, without help and version ({@code withHelp} adds them). */
  private static List<String> names(CommandSpec command, boolean withHelp) {
    List<String> names = new ArrayList<>();
    for (OptionSpec option : command.options()) {
      // An inherited option (--env-file) is the root's, listed once in the global section.
      if (!option.inherited() && (withHelp || !(option.usageHelp() || option.versionHelp()))) {
        names.addAll(List.of(option.names()));
      }
    }
    return names;
  }

  private static List<String> helpNames(CommandSpec command) {
    return command.options().stream()
        .filter(o -> o.usageHelp() || o.versionHelp())
        .flatMap(o -> List.of(o.names()).stream())
        .toList();
  }

  /** Every variable the CLI reads: the String constants of {@link Settings}. */
  private static Set<String> variables() {
    return new TreeSet<>(constants(Settings.class, f -> true).values());
  }

  /** How the doc writes {@code variable}: a prefix such as {@code PORT_KAFKA_PROP_} with a star. */
  private static String written(String variable) {
    return variable.endsWith("_") ? variable + "*" : variable;
  }

  /**
   * The names in {@code named} that are no variable the CLI reads. A name ending in {@code *} names
   * a family ({@code PORT_KAFKA_*}, or a prefix such as {@code PORT_KAFKA_PROP_*}) and must cover
   * at least one variable; a name that starts with a prefix variable is an example of it.
   */
  private static List<String> unknownVariables(Set<String> named) {
    Set<String> known = variables();
    List<String> unknown = new ArrayList<>();
    for (String name : named) {
      boolean ok;
      if (name.endsWith("*")) {
        String family = name.substring(0, name.length() - 1);
        ok = known.stream().anyMatch(v -> v.startsWith(family));
      } else {
        ok =
            known.contains(name)
                || known.stream().anyMatch(v -> v.endsWith("_") && name.startsWith(v));
      }
      if (!ok) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  private static Map<String, String> constants(
      Class<?> type, java.util.function.Predicate<Field> which) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field f : type.getFields()) {
      int mod = f.getModifiers();
      if (Modifier.isStatic(mod)
          && Modifier.isFinal(mod)
          && f.getType() == String.class
          && which.test(f)) {
        try {
          values.put(f.getName(), (String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return values;
  }

  /** The flags and variables {@code configuration.md} names in inline code, by command section. */
  private static final class Doc {
    /** Flags by section: {@code null} for text outside any command section. */
    private final Map<String, Set<String>> flags = new LinkedHashMap<>();

    private final Set<String> variables = new TreeSet<>();

    static Doc read(Path path) throws IOException {
      assertThat(path).as("the doc, relative to the examples module").isRegularFile();
      Doc doc = new Doc();
      doc.flags.put(null, new TreeSet<>());
      String section = null;
      boolean fenced = false;
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        if (line.strip().startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        if (fenced) {
          continue;
        }
        if (line.startsWith("#")) {
          Matcher heading = COMMAND_HEADING.matcher(line);
          section = heading.find() ? heading.group(1) : null;
          doc.flags.computeIfAbsent(section, s -> new TreeSet<>());
          continue;
        }
        Matcher span = CODE_SPAN.matcher(line);
        while (span.find()) {
          String code = span.group(1);
          Matcher flag = FLAG.matcher(code);
          while (flag.find()) {
            doc.flags.get(section).add(flag.group());
          }
          Matcher variable = VARIABLE.matcher(code);
          while (variable.find()) {
            doc.variables.add(variable.group());
          }
        }
      }
      return doc;
    }

    /** The command sections, in order. */
    List<String> sections() {
      return flags.keySet().stream().filter(s -> s != null).toList();
    }

    /** The flags named in {@code section}'s text, or outside every section for {@code null}. */
    Set<String> flags(String section) {
      return flags.getOrDefault(section, Set.of());
    }
  }
}
