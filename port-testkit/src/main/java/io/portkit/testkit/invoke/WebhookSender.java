package io.portkit.testkit.invoke;

import io.portkit.backend.invocation.PortHeaders;
import io.portkit.backend.invocation.Signer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sends signed webhook requests the way Port does: {@code Content-Type: application/json}, {@code
 * x-port-timestamp} (epoch seconds from the injected clock) and {@code x-port-signature} ({@code
 * v1,} + Base64 HMAC-SHA256 of {@code "{timestamp}.{signed bytes}"} with the secret).
 *
 * <pre>{@code
 * WebhookSender sender = WebhookSender.builder().clock(clock).build();
 * WebhookAnswer answer = sender.send(OutgoingWebhook.to(uri).secret(secret).body(json).build());
 * assertThat(answer.status()).isEqualTo(200);
 * }</pre>
 *
 * <p>Thread-safe: share one instance; it holds one HTTP/1.1 {@link HttpClient} whose connections
 * are pooled, and {@link #sendAsync} needs no thread per request, so thousands of deliveries cost
 * little. Redirects are not followed (a 3xx is an answer). Secrets never reach logs or messages.
 */
public final class WebhookSender {
  /** Default bound on one request, from sending to the whole answer (Port's agent uses 30 s). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Default bound on opening a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final Clock clock;
  private final Duration timeout;

  private WebhookSender(Builder builder) {
    this.clock = builder.clock;
    this.timeout = builder.timeout;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(builder.connectTimeout);
    if (builder.executor != null) {
      http.executor(builder.executor);
    }
    this.client = http.build();
  }

  /** Returns a builder; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code webhook} and waits for the answer.
   *
   * @throws WebhookDeliveryException if no HTTP answer arrives (refused, reset, timeout,
   *     interrupted)
   */
  public WebhookAnswer send(OutgoingWebhook webhook) {
    try {
      return sendAsync(webhook).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookDeliveryException(webhook.method(), webhook.url(), "interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebhookDeliveryException delivery) {
        throw delivery;
      }
      throw new WebhookDeliveryException(
          webhook.method(), webhook.url(), String.valueOf(e.getCause()), e.getCause());
    }
  }

  /**
   * Sends {@code webhook} without blocking. The future completes with the answer, or exceptionally
   * with a {@link WebhookDeliveryException} when no HTTP answer arrives.
   */
  public CompletableFuture<WebhookAnswer> sendAsync(OutgoingWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook == null");
    long timestamp = clock.instant().plus(webhook.timestampSkew()).getEpochSecond();
    String signature = Signer.withSecret(webhook.secret()).sign(timestamp, webhook.signedBytes());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(webhook.url())
            .timeout(timeout)
            .method(webhook.method(), HttpRequest.BodyPublishers.ofByteArray(webhook.bodyBytes()))
            .header("Content-Type", "application/json")
            .header(PortHeaders.TIMESTAMP, Long.toString(timestamp))
            .header(PortHeaders.SIGNATURE, signature);
    webhook.headers().forEach(request::header);
    long started = System.nanoTime();
    return client
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw failed(webhook, failure);
              }
              return new WebhookAnswer(
                  response.statusCode(),
                  lowerCase(response.headers().map()),
                  response.body(),
                  Duration.ofNanos(System.nanoTime() - started));
            });
  }

  private WebhookDeliveryException failed(OutgoingWebhook webhook, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String reason;
    if (cause instanceof HttpTimeoutException) {
      reason =
          "no answer within "
              + timeout
              + " (raise WebhookSender.Builder.timeout if the receiver is slow)";
    } else if (cause instanceof ConnectException) {
      reason =
          "connection refused or unreachable (is the receiver listening on "
              + webhook.url().getHost()
              + ":"
              + webhook.url().getPort()
              + "?)";
    } else if (cause instanceof IOException) {
      reason = "I/O error: " + causes(cause);
    } else {
      reason = cause.toString();
    }
    return new WebhookDeliveryException(webhook.method(), webhook.url(), reason, cause);
  }

  // The JDK client wraps what the socket said ("Connection reset", an EOF) in a message of its
  // own ("header parser received no bytes"): both are needed to tell a server that closed the
  // connection from one that reset it.
  private static String causes(Throwable failure) {
    StringBuilder out = new StringBuilder();
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t) && seen.size() <= 4; t = t.getCause()) {
      if (out.length() > 0) {
        out.append(", caused by ");
      }
      out.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        out.append(' ').append(t.getMessage());
      }
    }
    return out.toString();
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    headers.forEach(
        (name, values) -> out.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
    return out;
  }

  @Override
  public String toString() {
    return "WebhookSender[timeout=" + timeout + "]";
  }

  /** Configures a {@link WebhookSender}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private java.util.concurrent.Executor executor;

    private Builder() {}

    /** Sets the clock that stamps {@code x-port-timestamp} (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the bound on one request, from sending to the whole answer (default 30 s).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets the bound on opening a connection (default 10 s).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Sets the executor the HTTP client completes answers on (default: the JDK client's own). */
    public Builder executor(java.util.concurrent.Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /** Builds the sender. */
    public WebhookSender build() {
      return new WebhookSender(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
