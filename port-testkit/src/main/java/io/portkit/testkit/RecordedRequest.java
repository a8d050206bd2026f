package io.portkit.testkit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request the emulator received, as kept in its journal.
 *
 * <p>Never holds a secret: the {@code Authorization} header is not recorded, and the body of the
 * token route ({@code /v1/auth/access_token}) is replaced by {@code null}.
 *
 * @param method HTTP method, upper case
 * @param path request path, without the query
 * @param query raw query string, or {@code null} when there was none
 * @param status status code answered, or {@code 0} when the connection was dropped on purpose
 * @param time when the request arrived, by the emulator's clock
 * @param traceId the {@code X-Trace-Id} sent back, or {@code null} when the connection was dropped
 * @param body the request body as UTF-8 text (empty when none), or {@code null} for the token route
 */
public record RecordedRequest(
    String method,
    String path,
    @Nullable String query,
    int status,
    Instant time,
    @Nullable String traceId,
    @Nullable String body) {
  /** Validates the non-null components. */
  public RecordedRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(time, "time == null");
  }
}
