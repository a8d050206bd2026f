package io.portkit.webhook;

/**
 * The {@code invocationMethod} body and headers portkit recommends for a Port WEBHOOK action.
 *
 * <p>Each {@code "{{ ... }}"} is a jq expression over Port's trigger data; a value that is a whole
 * expression renders as a JSON value, so {@code .trigger}, {@code .inputs} and {@code .entity}
 * arrive as objects, not strings. The body carries everything a handler usually needs, so no Port
 * API call is required to start work:
 *
 * <pre>{@code
 * {
 *   "port_context": {
 *     "runId": "{{ .run.id }}",
 *     "action": "{{ .action.identifier }}",
 *     "blueprint": "{{ .action.blueprint }}",
 *     "entity": "{{ .entity.identifier }}",
 *     "trigger": "{{ .trigger }}"
 *   },
 *   "inputs": "{{ .inputs }}",
 *   "entity": "{{ .entity }}"
 * }
 * }</pre>
 */
public final class RecommendedTemplate {
  /** The recommended {@code invocationMethod.body}, as JSON. */
  public static final String BODY =
      "{\"port_context\":{"
          + "\"runId\":\"{{ .run.id }}\","
          + "\"action\":\"{{ .action.identifier }}\","
          + "\"blueprint\":\"{{ .action.blueprint }}\","
          + "\"entity\":\"{{ .entity.identifier }}\","
          + "\"trigger\":\"{{ .trigger }}\"},"
          + "\"inputs\":\"{{ .inputs }}\","
          + "\"entity\":\"{{ .entity }}\"}";

  /**
   * The recommended {@code invocationMethod.headers}, as JSON: the run id also travels in a header,
   * so it survives a body template that drops it.
   */
  public static final String HEADERS = "{\"RUN_ID\":\"{{ .run.id }}\"}";

  private RecommendedTemplate() {}

  /**
   * Returns a complete {@code invocationMethod} for a WEBHOOK action calling {@code url}
   * asynchronously, as JSON ready to paste into the action definition.
   *
   * @param url the receiver's public URL, for example {@code https://example.ngrok.app/}
   */
  public static String invocationMethod(String url) {
    java.util.Objects.requireNonNull(url, "url == null");
    if (url.isBlank() || url.contains("\"") || url.contains("\\")) {
      throw new IllegalArgumentException("url must be a plain, non-blank URL: " + url);
    }
    return "{\"type\":\"WEBHOOK\",\"url\":\""
        + url
        + "\",\"agent\":false,\"synchronized\":false,\"method\":\"POST\",\"headers\":"
        + HEADERS
        + ",\"body\":"
        + BODY
        + "}";
  }
}
