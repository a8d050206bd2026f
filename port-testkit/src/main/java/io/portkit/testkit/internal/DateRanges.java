package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The value of a {@code between}/{@code notBetween} rule: an explicit {@code {from, to}} range or
 * one of Port's presets, resolved against the emulator's clock in UTC (Port does not say which time
 * zone a preset's "today" uses; docs/decisions/0028-entity-search.md).
 */
final class DateRanges {
  private DateRanges() {}

  /** Returns {@code [from, to]} for {@code value}, or a 422 naming what is wrong. */
  static Instant[] of(JsonNode value, Instant now) {
    if (value == null || !value.isObject()) {
      throw ApiError.invalid(
          "between/notBetween take {\"from\":<date-time>,\"to\":<date-time>} or {\"preset\":\"lastWeek\"}, got "
              + value);
    }
    if (value.has("preset")) {
      return preset(value.get("preset").asText(), now);
    }
    Instant from = instant(value, "from");
    Instant to = instant(value, "to");
    return new Instant[] {from, to};
  }

  private static Instant instant(JsonNode value, String field) {
    JsonNode text = value.get(field);
    Instant at =
        text != null && text.isTextual() ? ComparisonOperators.instant(text.textValue()) : null;
    if (at == null) {
      throw ApiError.invalid(
          "\"" + field + "\" of a date range must be an ISO 8601 date-time, got " + text);
    }
    return at;
  }

  private static Instant[] preset(String preset, Instant now) {
    Instant today = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    Instant endOfDay = today.plus(Duration.ofDays(1)).minusMillis(1);
    return switch (preset) {
      case "today" -> new Instant[] {today, endOfDay};
      case "yesterday" -> new Instant[] {today.minus(Duration.ofDays(1)), today.minusMillis(1)};
      case "tomorrow" ->
          new Instant[] {today.plus(Duration.ofDays(1)), endOfDay.plus(Duration.ofDays(1))};
      case "lastDay" -> back(now, 1);
      case "lastWeek" -> back(now, 7);
      case "last2Weeks" -> back(now, 14);
      case "lastMonth" -> back(now, 30);
      case "last3Months" -> back(now, 90);
      case "last6Months" -> back(now, 180);
      case "last12Months" -> back(now, 365);
      case "last2Years" -> back(now, 730);
      case "last3Years" -> back(now, 1095);
      default ->
          throw ApiError.invalid(
              "unknown date preset \""
                  + preset
                  + "\"; the emulator knows today, yesterday, tomorrow, lastDay, lastWeek,"
                  + " last2Weeks, lastMonth, last3Months, last6Months, last12Months, last2Years,"
                  + " last3Years");
    };
  }

  private static Instant[] back(Instant now, int days) {
    return new Instant[] {now.minus(Duration.ofDays(days)), now};
  }
}
