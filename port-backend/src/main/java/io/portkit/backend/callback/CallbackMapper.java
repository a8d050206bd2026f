package io.portkit.backend.callback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads a verified callback body: which run it completes and how. Empty when the body is an event
 * that completes nothing (a "job started" notice); an exception when the body is not what the
 * sender should send, which the caller is told (without the body).
 *
 * <pre>{@code
 * CallbackMapper ci = body -> body.path("status").asText().equals("running")
 *     ? Optional.empty()
 *     : Optional.of(CallbackCompletion.ofExternalId(body.path("job").asText(),
 *         body.path("status").asText().equals("passed")
 *             ? HandOffResult.success("pipeline passed")
 *             : HandOffResult.failure("pipeline " + body.path("status").asText())));
 * }</pre>
 */
@FunctionalInterface
public interface CallbackMapper {
  /**
   * Maps {@code body}.
   *
   * @throws Exception when the body cannot be read as a completion; the callback is answered as a
   *     bad request with the exception's message, so never put a secret in it
   */
  Optional<CallbackCompletion> map(JsonNode body) throws Exception;
}
