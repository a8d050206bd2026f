package io.portkit.tunnel;

import java.net.URI;
import java.util.Objects;

/**
 * Opens a {@link Tunnel} in front of a local HTTP receiver.
 *
 * <p>Implementations are thread-safe; each {@link #open(URI)} returns a new tunnel that the caller
 * must close.
 */
@FunctionalInterface
public interface TunnelProvider {

  /**
   * Opens a tunnel that forwards to {@code localUrl}.
   *
   * @param localUrl the local receiver, for example {@code http://127.0.0.1:8080}
   * @return an open tunnel; close it when the backend stops
   * @throws TunnelException when the tunnel cannot be opened; the message says what to do
   */
  Tunnel open(URI localUrl);

  /**
   * Opens a tunnel that forwards to {@code http://127.0.0.1:<localPort>}.
   *
   * @param localPort the receiver's port, 1 to 65535
   * @throws IllegalArgumentException if the port is out of range
   * @throws TunnelException when the tunnel cannot be opened
   */
  default Tunnel open(int localPort) {
    if (localPort < 1 || localPort > 65535) {
      throw new IllegalArgumentException("localPort must be between 1 and 65535: " + localPort);
    }
    return open(URI.create("http://127.0.0.1:" + localPort));
  }

  /**
   * Returns a provider for a backend that is already reachable at {@code publicUrl} (behind an
   * ingress or a load balancer): {@link #open(URI)} opens nothing and returns a {@link NoTunnel}.
   *
   * @throws TunnelException with {@link TunnelException.Reason#CONFIGURATION} if the URL is not an
   *     absolute http(s) URL with a host
   */
  static TunnelProvider none(URI publicUrl) {
    NoTunnel tunnel = NoTunnel.of(publicUrl);
    return localUrl -> {
      Objects.requireNonNull(localUrl, "localUrl == null");
      return tunnel;
    };
  }
}
