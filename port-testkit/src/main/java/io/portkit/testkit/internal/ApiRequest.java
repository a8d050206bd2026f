package io.portkit.testkit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed request handed to a route: method, path, path parameters, query and raw body.
 *
 * @param method upper-case HTTP method
 * @param path decoded path
 * @param pathParams values captured by the route template, URL-decoded
 * @param query query parameters; a repeated name keeps its last value
 * @param queryLists every value of each query parameter, in order (Port's array parameters repeat
 *     the name: {@code include=a&include=b})
 * @param body raw body bytes
 */
public record ApiRequest(
    String method,
    String path,
    List<String> pathParams,
    Map<String, String> query,
    Map<String, List<String>> queryLists,
    byte[] body) {
  /** Parses {@code rawQuery} ({@code a=1&b=2}, null for none) into a request. */
  public static ApiRequest of(
      String method, String path, List<String> pathParams, String rawQuery, byte[] body) {
    Map<String, List<String>> lists = parseQuery(rawQuery);
    Map<String, String> last = new LinkedHashMap<>();
    lists.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
    return new ApiRequest(method, path, pathParams, last, lists, body);
  }

  /** Parses a raw query string into every value of each name; {@code null} gives an empty map. */
  public static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
      // Form-style arrays are also sent as name[]=value by some clients.
      if (name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2);
      }
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  /** Returns path parameter {@code index}. */
  public String param(int index) {
    return pathParams.get(index);
  }

  /** Returns every value of query parameter {@code name}, empty when absent. */
  public List<String> list(String name) {
    return queryLists.getOrDefault(name, List.of());
  }

  /** Returns the body parsed as JSON, or a 422 when it is not JSON. */
  public JsonNode json() {
    if (body.length == 0) {
      throw ApiError.invalid("the body is empty; send a JSON object");
    }
    return Json.parse(new String(body, UTF_8));
  }

  /** Returns the body parsed as JSON, or {@code null} when there is no body. */
  public JsonNode jsonOrNull() {
    return body.length == 0 ? null : json();
  }

  /** Returns query parameter {@code name} as a boolean ({@code false} when absent), or a 422. */
  public boolean flag(String name) {
    String value = query.get(name);
    if (value == null) {
      return false;
    }
    if (value.equals("true") || value.isEmpty()) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw ApiError.invalid(
        "query parameter \"" + name + "\" must be true or false, got \"" + value + "\"");
  }

  /**
   * Returns integer query parameter {@code name} within {@code [min, max]}, {@code fallback} when
   * absent, else a 422.
   */
  public int intParam(String name, int min, int max, int fallback) {
    String value = query.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Falls through to the 422 below, which names the accepted range.
    }
    throw ApiError.invalid(
        "query parameter \""
            + name
            + "\" must be an integer in "
            + min
            + ".."
            + max
            + ", got \""
            + value
            + "\"");
  }
}
