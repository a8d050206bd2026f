package io.portkit.micrometer.internal;

import java.util.Set;

/**
 * Turns a Port API path into its route template, for example {@code /v1/actions/runs/r_1/logs} into
 * {@code /v1/actions/runs/{run}/logs}: only segments from a fixed list stay, every other one
 * becomes a placeholder named after the segment before it, so the set of templates is small
 * whatever the identifiers are.
 */
public final class RouteTemplates {
  private static final Set<String> LITERALS =
      Set.of(
          "v1",
          "auth",
          "access_token",
          "actions",
          "runs",
          "logs",
          "blueprints",
          "entities",
          "approval",
          "response");

  private RouteTemplates() {}

  /** Returns the template of {@code path} (a base path before {@code /v1} is dropped). */
  public static String of(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    int v1 = path.indexOf("/v1/");
    String p = v1 >= 0 ? path.substring(v1) : path.equals("/v1") ? path : null;
    if (p == null) {
      return "other";
    }
    StringBuilder out = new StringBuilder();
    String previous = null; // the literal before this segment, null after a placeholder
    for (String segment : p.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      out.append('/');
      boolean identifierSlot = previous != null && !previous.equals("v1") && hasIds(previous);
      // "/v1/actions/runs" is the runs collection, not an action named "runs".
      if (identifierSlot && !(previous.equals("actions") && segment.equals("runs"))) {
        out.append('{').append(placeholder(previous)).append('}');
        previous = null;
      } else if (LITERALS.contains(segment)) {
        out.append(segment);
        previous = segment;
      } else {
        out.append("{id}");
        previous = null;
      }
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static boolean hasIds(String literal) {
    return literal.equals("actions")
        || literal.equals("runs")
        || literal.equals("blueprints")
        || literal.equals("entities");
  }

  private static String placeholder(String previous) {
    if (previous == null) {
      return "id";
    }
    return switch (previous) {
      case "actions" -> "action";
      case "runs" -> "run";
      case "blueprints" -> "blueprint";
      case "entities" -> "entity";
      default -> "id";
    };
  }
}
