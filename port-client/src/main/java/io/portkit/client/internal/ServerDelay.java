package io.portkit.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long Port asks a client to wait: {@code Retry-After} (delta seconds or an HTTP date)
 * first, then {@code x-ratelimit-reset}.
 *
 * <p>{@code x-ratelimit-reset} is documented as UTC epoch seconds, but Port's Terraform provider
 * reads it as seconds-until-reset. A value above {@value #EPOCH_THRESHOLD} (2001-09-09) cannot be a
 * sensible delta, so it is taken as epoch seconds; anything else as delta seconds. See ADR 0004.
 */
public final class ServerDelay {
  /** Values of {@code x-ratelimit-reset} above this are epoch seconds, else delta seconds. */
  public static final long EPOCH_THRESHOLD = 1_000_000_000L;

  private ServerDelay() {}

  /**
   * Returns the wait requested by the headers, or empty when neither is present or parseable.
   *
   * @param retryAfter the {@code Retry-After} value, may be null
   * @param rateLimitReset the {@code x-ratelimit-reset} value, may be null
   * @param now the current instant, for dates and epoch values
   */
  public static Optional<Duration> parse(String retryAfter, String rateLimitReset, Instant now) {
    Optional<Duration> fromRetryAfter = retryAfter(retryAfter, now);
    return fromRetryAfter.isPresent() ? fromRetryAfter : rateLimitReset(rateLimitReset, now);
  }

  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(v))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(nonNegative(Duration.between(now, at)));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  static Optional<Duration> rateLimitReset(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    double seconds;
    try {
      seconds = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return Optional.empty();
    }
    long millis = Math.round(seconds * 1000);
    if (seconds > EPOCH_THRESHOLD) {
      return Optional.of(nonNegative(Duration.ofMillis(millis - now.toEpochMilli())));
    }
    return Optional.of(nonNegative(Duration.ofMillis(millis)));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
