package io.portkit.testkit.invoke;

import io.portkit.client.PortException;
import java.net.URI;

/**
 * Thrown when {@link WebhookSender} gets no HTTP answer: connection refused or reset, timeout,
 * interruption. Retryable. The message names the method and URL, never the secret.
 */
public final class WebhookDeliveryException extends PortException {
  private static final long serialVersionUID = 1L;

  private final transient URI url;

  /** Creates an exception for a request to {@code url} that failed with {@code cause}. */
  public WebhookDeliveryException(String method, URI url, String reason, Throwable cause) {
    super("webhook " + method + " " + url + " got no answer: " + reason, true, cause);
    this.url = url;
  }

  /** Returns the URL that did not answer. */
  public URI url() {
    return url;
  }
}
