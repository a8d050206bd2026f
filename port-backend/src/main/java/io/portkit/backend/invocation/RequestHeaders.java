package io.portkit.backend.invocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable HTTP request headers with case-insensitive names, as HTTP defines them.
 *
 * <p>Thread-safe. Names are compared ignoring case; values keep their order of arrival. Null names
 * and values are rejected.
 */
public final class RequestHeaders {
  private static final RequestHeaders EMPTY = new RequestHeaders(new TreeMap<>());

  private final Map<String, List<String>> values;

  private RequestHeaders(TreeMap<String, List<String>> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** Returns headers with no entries. */
  public static RequestHeaders empty() {
    return EMPTY;
  }

  /**
   * Copies {@code headers}; names that differ only in case are merged.
   *
   * @throws NullPointerException if the map, a name, a value list or a value is null
   */
  public static RequestHeaders of(Map<String, ? extends List<String>> headers) {
    Objects.requireNonNull(headers, "headers == null");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, list) -> {
          Objects.requireNonNull(name, "header name == null");
          Objects.requireNonNull(list, "values of " + name + " == null");
          List<String> merged = copy.computeIfAbsent(name, n -> new ArrayList<>());
          for (String value : list) {
            merged.add(Objects.requireNonNull(value, "value of " + name + " == null"));
          }
        });
    copy.replaceAll((name, list) -> List.copyOf(list));
    return new RequestHeaders(copy);
  }

  /** Returns headers holding one value per name, from alternating name/value arguments. */
  public static RequestHeaders of(String... namesAndValues) {
    Objects.requireNonNull(namesAndValues, "namesAndValues == null");
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "namesAndValues has an odd length " + namesAndValues.length + ": pass name, value pairs");
    }
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.computeIfAbsent(namesAndValues[i], n -> new ArrayList<>()).add(namesAndValues[i + 1]);
    }
    return of(map);
  }

  /** Returns the first value of {@code name} (any case), or empty if the header is absent. */
  public Optional<String> first(String name) {
    Objects.requireNonNull(name, "name == null");
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Returns every value of {@code name} (any case), in arrival order; empty if absent. */
  public List<String> all(String name) {
    Objects.requireNonNull(name, "name == null");
    return values.getOrDefault(name, List.of());
  }

  /** Returns the header names, in case-insensitive order, as first received. */
  public Set<String> names() {
    return values.keySet();
  }

  /** Lists header names only: values may carry signatures or credentials. */
  @Override
  public String toString() {
    return "RequestHeaders" + names().toString().toLowerCase(Locale.ROOT);
  }
}
