package io.portkit.testkit.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.jspecify.annotations.Nullable;

/**
 * Renders a Port {@code invocationMethod} template (body, headers, URL) against trigger data, as
 * Port does before it calls a webhook.
 *
 * <p>Rules (see Port's docs, linked below): a string value that is exactly one {@code {{ <jq> }}}
 * becomes the jq result as a JSON value (object, number, null...); a string with text around one or
 * more templates interpolates each result as text; object keys may be templates, and a key that
 * renders to {@code null} drops its entry; the key {@code "{{ spreadValue() }}"} merges its
 * rendered object value into the parent object. jq is evaluated by jackson-jq (jq 1.6 semantics);
 * an expression that yields several values yields the first, none yields null.
 *
 * <p>Port's docs:
 * https://docs.port.io/actions-and-automations/create-self-service-experiences/setup-the-backend
 *
 * <pre>{@code
 * JsonNode body = TriggerTemplate.render(template, triggerData);
 * }</pre>
 *
 * <p>Thread-safe; compiled expressions are cached.
 */
public final class TriggerTemplate {
  private static final Version JQ = Versions.JQ_1_6;
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
  private static final Pattern WHOLE =
      Pattern.compile("^\\s*\\{\\{(.*?)\\}\\}\\s*$", Pattern.DOTALL);
  private static final Pattern SPREAD =
      Pattern.compile("^\\s*\\{\\{\\s*spreadValue\\(\\s*\\)\\s*\\}\\}\\s*$");
  private static final Scope ROOT = newRootScope();
  private static final Map<String, JsonQuery> COMPILED = new ConcurrentHashMap<>();

  private TriggerTemplate() {}

  /**
   * Renders {@code template} (any JSON value) against {@code data}, returning a new tree.
   *
   * @throws TemplateException if a jq expression does not compile or fails, or a spread value is
   *     not an object
   */
  public static JsonNode render(JsonNode template, JsonNode data) {
    Objects.requireNonNull(template, "template == null");
    Objects.requireNonNull(data, "data == null");
    return renderNode(template, data, "$");
  }

  /**
   * Renders a string as header values and URLs are rendered: templates are interpolated, and a
   * non-string result is written as compact JSON.
   *
   * @return the rendered text, or {@code null} when the whole string is one template yielding null
   * @throws TemplateException if a jq expression does not compile or fails
   */
  public static @Nullable String renderText(String text, JsonNode data) {
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(data, "data == null");
    JsonNode value = renderString(text, data, "$");
    return value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
  }

  private static JsonNode renderNode(JsonNode node, JsonNode data, String path) {
    if (node.isTextual()) {
      return renderString(node.textValue(), data, path);
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        out.add(renderNode(node.get(i), data, path + "[" + i + "]"));
      }
      return out;
    }
    if (node.isObject()) {
      return renderObject(node, data, path);
    }
    return node.deepCopy();
  }

  private static ObjectNode renderObject(JsonNode node, JsonNode data, String path) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      String fieldPath = path + "." + key;
      JsonNode value = renderNode(field.getValue(), data, fieldPath);
      if (SPREAD.matcher(key).matches()) {
        if (value.isNull()) {
          continue;
        }
        if (!value.isObject()) {
          throw new TemplateException(
              "spreadValue() at "
                  + fieldPath
                  + " needs an object value, got "
                  + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        out.setAll((ObjectNode) value);
        continue;
      }
      JsonNode renderedKey = renderString(key, data, fieldPath + " (key)");
      if (renderedKey.isNull()) {
        continue; // Port drops an entry whose key renders to null
      }
      out.set(renderedKey.isTextual() ? renderedKey.textValue() : renderedKey.toString(), value);
    }
    return out;
  }

  private static JsonNode renderString(String text, JsonNode data, String path) {
    Matcher whole = WHOLE.matcher(text);
    if (whole.matches() && !whole.group(1).contains("{{")) {
      return evaluate(whole.group(1), data, path);
    }
    Matcher matcher = TEMPLATE.matcher(text);
    if (!matcher.find()) {
      return TextNode.valueOf(text);
    }
    StringBuilder out = new StringBuilder();
    int last = 0;
    do {
      out.append(text, last, matcher.start());
      JsonNode value = evaluate(matcher.group(1), data, path);
      if (!value.isNull()) {
        out.append(value.isTextual() ? value.textValue() : value.toString());
      }
      last = matcher.end();
    } while (matcher.find());
    out.append(text, last, text.length());
    return TextNode.valueOf(out.toString());
  }

  private static JsonNode evaluate(String expression, JsonNode data, String path) {
    String jq = expression.trim();
    List<JsonNode> results = new ArrayList<>(1);
    try {
      JsonQuery query = COMPILED.computeIfAbsent(jq, TriggerTemplate::compile);
      query.apply(Scope.newChildScope(ROOT), data, results::add);
    } catch (JsonQueryException e) {
      throw new TemplateException(
          "jq expression \"" + jq + "\" at " + path + " failed: " + e.getMessage(), e);
    }
    return results.isEmpty() || results.get(0) == null ? NullNode.getInstance() : results.get(0);
  }

  private static JsonQuery compile(String jq) {
    try {
      return JsonQuery.compile(jq, JQ);
    } catch (JsonQueryException e) {
      throw new TemplateException(
          "jq expression \"" + jq + "\" does not compile: " + e.getMessage(), e);
    }
  }

  private static Scope newRootScope() {
    Scope scope = Scope.newEmptyScope();
    BuiltinFunctionLoader.getInstance().loadFunctions(JQ, scope);
    return scope;
  }
}
