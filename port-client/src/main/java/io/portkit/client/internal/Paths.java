package io.portkit.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** Builds request paths and query strings with every dynamic part percent-encoded. */
public final class Paths {
  private Paths() {}

  /**
   * Encodes one path segment, so that {@code a/b} stays one segment ({@code a%2Fb}).
   *
   * @param name what the value is, for the error message
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static String segment(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return encode(value);
  }

  /** Returns {@code ?k=v&...} for the non-null values, or an empty string when there are none. */
  public static String query(Map<String, ?> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, ?> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      sb.append(sb.length() == 0 ? '?' : '&');
      sb.append(encode(e.getKey())).append('=').append(encode(String.valueOf(e.getValue())));
    }
    return sb.toString();
  }

  private static String encode(String s) {
    // URLEncoder does form encoding; a space must be %20 in paths and is safe as %20 in queries.
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
