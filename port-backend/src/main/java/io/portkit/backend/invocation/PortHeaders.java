package io.portkit.backend.invocation;

/**
 * Names of the HTTP headers that Port sets on a webhook invocation.
 *
 * <p>HTTP header names are case-insensitive; these constants use Port's documented lower-case
 * spelling. Port's execution agent sends the same headers capitalised ({@code X-Port-Signature}).
 */
public final class PortHeaders {
  /** Epoch seconds at which Port signed the request. */
  public static final String TIMESTAMP = "x-port-timestamp";

  /** {@code v1,} followed by the Base64 HMAC-SHA256 of {@code "{timestamp}.{body}"}. */
  public static final String SIGNATURE = "x-port-signature";

  /**
   * The run id, when the action's {@code invocationMethod.headers} carries it (Port's docs use
   * {@code "RUN_ID": "{{ .run.id }}"}).
   */
  public static final String RUN_ID = "RUN_ID";

  private PortHeaders() {}
}
