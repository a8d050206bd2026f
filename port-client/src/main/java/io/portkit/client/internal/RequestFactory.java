package io.portkit.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Turns an {@link ApiCall} into an {@link HttpRequest} to Port. Thread-safe. */
final class RequestFactory {
  private final String base;
  private final Duration requestTimeout;
  private final String userAgent;
  private final ObjectMapper mapper;

  RequestFactory(URI baseUri, Duration requestTimeout, String userAgent, ObjectMapper mapper) {
    String b = Objects.requireNonNull(baseUri, "baseUri == null").toString();
    // Concatenate rather than resolve, so a base path (a proxy prefix) is kept.
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
    this.mapper = Objects.requireNonNull(mapper, "mapper == null");
  }

  HttpRequest build(ApiCall call, @Nullable String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + call.path() + call.query()))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (call.body() == null) {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(bytes(call)));
    }
    return b.build();
  }

  private byte[] bytes(ApiCall call) {
    try {
      return mapper.writeValueAsString(call.body()).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the body of " + call.path(), e);
    }
  }
}
