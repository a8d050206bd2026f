package io.portkit.tunnel;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The "none" tunnel: the backend is already reachable, so the public URL comes from configuration
 * and nothing is opened or closed.
 *
 * <p>Use it in production, where an ingress or load balancer routes Port's calls to the backend:
 *
 * <pre>{@code
 * Tunnel tunnel = NoTunnel.fromEnv();   // reads PORTKIT_PUBLIC_URL=https://port-backend.example.com
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #close()} does nothing.
 */
public final class NoTunnel implements Tunnel {
  /** The environment variable {@link #fromEnv()} reads. */
  public static final String PUBLIC_URL_VARIABLE = "PORTKIT_PUBLIC_URL";

  private final URI publicUrl;

  private NoTunnel(URI publicUrl) {
    this.publicUrl = publicUrl;
  }

  /**
   * Returns a tunnel for a backend already reachable at {@code publicUrl}.
   *
   * @param publicUrl an absolute {@code http} or {@code https} URL with a host
   * @throws TunnelException with {@link TunnelException.Reason#CONFIGURATION} otherwise
   */
  public static NoTunnel of(URI publicUrl) {
    Objects.requireNonNull(publicUrl, "publicUrl == null");
    String scheme =
        publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || publicUrl.getHost() == null) {
      throw new TunnelException(
          TunnelException.Reason.CONFIGURATION,
          "public URL must be an absolute http(s) URL with a host, for example"
              + " https://port-backend.example.com: "
              + publicUrl);
    }
    return new NoTunnel(publicUrl);
  }

  /**
   * Returns a tunnel whose URL is read from the {@value #PUBLIC_URL_VARIABLE} environment variable.
   *
   * @throws TunnelException with {@link TunnelException.Reason#CONFIGURATION} if it is unset or not
   *     a valid URL
   */
  public static NoTunnel fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * Like {@link #fromEnv()}, reading from {@code environment} instead of the process environment.
   *
   * @throws TunnelException with {@link TunnelException.Reason#CONFIGURATION} if the variable is
   *     unset, blank or not a valid URL
   */
  public static NoTunnel fromEnv(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment == null");
    String value = environment.get(PUBLIC_URL_VARIABLE);
    if (value == null || value.isBlank()) {
      throw new TunnelException(
          TunnelException.Reason.CONFIGURATION,
          PUBLIC_URL_VARIABLE
              + " is not set: set it to the URL at which Port reaches this backend"
              + " (for example https://port-backend.example.com), or use an ngrok tunnel");
    }
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      throw new TunnelException(
          TunnelException.Reason.CONFIGURATION,
          PUBLIC_URL_VARIABLE + " is not a valid URL: " + value,
          e);
    }
    return of(uri);
  }

  @Override
  public URI publicUrl() {
    return publicUrl;
  }

  /** Does nothing: there is nothing to release. */
  @Override
  public void close() {
    // Nothing was opened, so there is nothing to release.
  }

  @Override
  public String toString() {
    return "NoTunnel[publicUrl=" + publicUrl + "]";
  }
}
