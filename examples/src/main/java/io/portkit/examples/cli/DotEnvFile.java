package io.portkit.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a {@code .env} file the dotenv way: {@code NAME=value} lines, {@code export NAME=value}
 * (so the file can also be sourced by a shell), blank lines and {@code # comments}. A value is bare
 * (trimmed; a {@code #} after a space starts a comment), in single quotes (taken literally), or in
 * double quotes ({@code \n}, {@code \t}, {@code \"} and {@code \\} are escapes); a quote must close
 * on its line. A later line wins over an earlier one.
 *
 * <p>An error names the file's line number and what is wrong, never the line's text or value:
 * {@code .env} holds secrets. Stateless.
 */
final class DotEnvFile {
  private DotEnvFile() {}

  /**
   * Returns the variables {@code lines} define, in order.
   *
   * @throws IllegalArgumentException naming the first bad line and what is wrong with it
   */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip(); // a byte order mark some editors write
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int lineNumber = i + 1;
      if (line.startsWith("export ") || line.startsWith("export\t")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw bad(lineNumber, "expected NAME=value, export NAME=value or a # comment");
      }
      String name = line.substring(0, eq).strip();
      if (!isName(name)) {
        throw bad(
            lineNumber,
            "the name before '=' must be letters, digits and _ and not start with a digit");
      }
      values.put(name, value(line.substring(eq + 1).strip(), name, lineNumber));
    }
    return values;
  }

  private static String value(String raw, String name, int line) {
    if (raw.isEmpty()) {
      return "";
    }
    char quote = raw.charAt(0);
    if (quote != '"' && quote != '\'') {
      int comment = raw.indexOf(" #");
      return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }
    StringBuilder value = new StringBuilder();
    int i = 1;
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == quote) {
        break;
      }
      if (quote == '"' && c == '\\' && i + 1 < raw.length()) {
        char next = raw.charAt(++i);
        value.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> next; // \" \\ \$ and anything else: the character itself
            });
      } else {
        value.append(c);
      }
    }
    if (i >= raw.length()) {
      throw bad(
          line,
          "the value of "
              + name
              + " opens a "
              + (quote == '"' ? "double" : "single")
              + " quote that is not closed on that line");
    }
    String rest = raw.substring(i + 1).strip();
    if (!rest.isEmpty() && !rest.startsWith("#")) {
      throw bad(line, "after the quoted value of " + name + " only a # comment may follow");
    }
    return value.toString();
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_'
          || c == '.'
          || (c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException bad(int line, String what) {
    return new IllegalArgumentException("line " + line + ": " + what);
  }
}
