package io.portkit.examples.anonymize;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides which columns hold personal data, by matching column names against patterns; the first
 * matching rule wins. Case-insensitive; a pattern must match the whole name.
 *
 * <p>Immutable and thread-safe; {@link #with} returns a new instance.
 */
public final class MaskingRules {

  private record Rule(Pattern pattern, MaskKind kind) {}

  private final List<Rule> rules;

  private MaskingRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Returns the default rules: e-mail columns ({@code email}, {@code customer_email}, {@code
   * email_address}...), name columns ({@code name}, {@code full_name}, {@code first_name}...; not
   * {@code username} or {@code table_name}) and phone columns ({@code phone}, {@code mobile},
   * {@code contact_phone}, {@code phone_number}...).
   *
   * @return the default rules
   */
  public static MaskingRules defaults() {
    return none()
        .with("(.*_)?e_?mail(_?address)?", MaskKind.EMAIL)
        .with("((first|last|middle|full|display|customer|contact)_?)?name", MaskKind.NAME)
        .with("(.*_)?(phone|mobile|telephone|tel)(_?(number|no))?", MaskKind.PHONE);
  }

  /**
   * Returns rules that mask nothing, to build a custom set with {@link #with}.
   *
   * @return empty rules
   */
  public static MaskingRules none() {
    return new MaskingRules(List.of());
  }

  /**
   * Returns these rules plus one that masks columns whose whole name matches {@code regex}; it is
   * tried after the existing rules.
   *
   * @param regex a {@link Pattern} matched case-insensitively against the whole column name
   * @param kind how to mask matching columns; never null
   * @return the new rules
   * @throws java.util.regex.PatternSyntaxException if {@code regex} is invalid
   */
  public MaskingRules with(String regex, MaskKind kind) {
    requireNonNull(regex, "regex == null");
    requireNonNull(kind, "kind == null");
    List<Rule> next = new ArrayList<>(rules);
    next.add(new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), kind));
    return new MaskingRules(next);
  }

  /**
   * Returns how to mask the column named {@code column}.
   *
   * @param column a column name as the database reports it; never null
   * @return the kind of the first matching rule, or empty if the column is not personal data
   */
  public Optional<MaskKind> kindFor(String column) {
    requireNonNull(column, "column == null");
    return rules.stream()
        .filter(rule -> rule.pattern().matcher(column).matches())
        .map(Rule::kind)
        .findFirst();
  }
}
