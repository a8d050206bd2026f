package io.portkit.testkit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes of Port's public REST API that the emulator knows by name: method, path template,
 * Port's name for the route and its page under {@code https://docs.port.io/api-reference/}, read
 * from {@code port-api-routes.txt} beside this class. The list is ours, written from the route list
 * of Port's published API reference; it lets a request for a route the emulator does not serve be
 * answered 501 with the route's name and a pointer to its documentation instead of a 404 that reads
 * like "no such entity". Immutable.
 */
public final class PortApiRoutes {
  /** The API reference's start page, for routes without a page of their own. */
  public static final String REFERENCE = "https://docs.port.io/api-reference/port-api";

  private static final String DOCS = "https://docs.port.io/api-reference/";
  private static final String RESOURCE = "port-api-routes.txt";

  /**
   * One route of Port's API.
   *
   * @param method upper-case HTTP method
   * @param template path template in Port's notation
   * @param name Port's name for the route
   * @param group the API reference's group (Entities, Action runs, ...)
   * @param slug the route's page under the API reference, or null when it has none of its own
   */
  public record PortRoute(String method, String template, String name, String group, String slug) {
    /** Returns {@code method + " " + template}. */
    public String key() {
      return method + " " + template;
    }

    /** Returns the route's documentation page. */
    public String docsUrl() {
      return slug == null ? REFERENCE : DOCS + slug;
    }

    Pattern pattern() {
      return Route.compile(template);
    }

    int parameters() {
      return template.split("\\{", -1).length - 1;
    }
  }

  private static final List<PortRoute> ALL = build();

  private PortApiRoutes() {}

  /** Returns every known route, in the API reference's order. */
  public static List<PortRoute> all() {
    return ALL;
  }

  /**
   * Returns the known route {@code method path} names, preferring the most literal template when
   * several match (so {@code GET /v1/actions/runs} is "Get all action runs", not "Get an action").
   */
  public static Optional<PortRoute> find(String method, String path) {
    return ALL.stream()
        .filter(route -> route.method().equals(method) && route.pattern().matcher(path).matches())
        .min(Comparator.comparingInt(PortRoute::parameters));
  }

  /** Returns the known route whose key is {@code key} ({@code "GET /v1/audit-log"}). */
  public static Optional<PortRoute> byKey(String key) {
    return ALL.stream().filter(route -> route.key().equals(key)).findFirst();
  }

  // One route per line of port-api-routes.txt: METHOD | template | name | group | slug or "-".
  private static List<PortRoute> build() {
    List<PortRoute> routes = new ArrayList<>();
    try (InputStream in = PortApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the route list " + RESOURCE + " is missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\\s*\\|\\s*", -1);
        if (cells.length != 5) {
          throw new IllegalStateException("malformed line in " + RESOURCE + ": " + line);
        }
        String slug = cells[4].equals("-") ? null : cells[4];
        routes.add(new PortRoute(cells[0].strip(), cells[1], cells[2], cells[3], slug));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return List.copyOf(routes);
  }
}
