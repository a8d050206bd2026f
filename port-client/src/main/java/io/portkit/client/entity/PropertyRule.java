package io.portkit.client.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A comparison rule {@code {"property", "operator", "value"}}; see {@link SearchRule#of}.
 *
 * @param property a property identifier or a {@code $} meta-property
 * @param operator the comparison
 * @param value the value compared with, or null for {@link SearchOperator#unary()} operators
 */
public record PropertyRule(String property, SearchOperator operator, @Nullable JsonNode value)
    implements SearchRule {
  /**
   * Validates the rule.
   *
   * @throws IllegalArgumentException if the property is blank, or the value is missing for an
   *     operator that takes one or given for one that does not
   */
  public PropertyRule {
    Objects.requireNonNull(property, "property == null");
    Objects.requireNonNull(operator, "operator == null");
    if (property.isBlank()) {
      throw new IllegalArgumentException("search rule property is blank");
    }
    if (operator.unary() != (value == null)) {
      throw new IllegalArgumentException(
          operator.wire()
              + (operator.unary() ? " takes no value" : " needs a value (JSON null for none)"));
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("property", property).put("operator", operator.wire());
    if (value != null) {
      rule.set("value", value.deepCopy());
    }
    return rule;
  }
}
