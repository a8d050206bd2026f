package io.portkit.tunnel.ngrok;

import io.portkit.tunnel.Tunnel;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import io.portkit.tunnel.TunnelProvider;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ngrok tunnels in front of a local receiver.
 *
 * <pre>{@code
 * try (Tunnel tunnel = NgrokTunnelProvider.create(NgrokOptions.fromEnv()).open(8080)) {
 *   System.out.println(InvocationMethod.webhook(tunnel.publicUrl()).instructions());
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #open(URI)} checks the native library first ({@link NgrokPreflight}), connects with a
 * bound ({@link NgrokOptions#connectTimeout()}), starts forwarding, and registers a JVM shutdown
 * hook that closes the tunnel; {@link Tunnel#close()} removes the hook. If any step fails, what was
 * opened is closed before the {@link TunnelException} is thrown. Immutable and thread-safe.
 */
public final class NgrokTunnelProvider implements TunnelProvider {
  private static final Logger log = LoggerFactory.getLogger(NgrokTunnelProvider.class);

  private final NgrokOptions options;
  private final SessionConnector connector;
  private final ShutdownHooks shutdownHooks;
  private final boolean preflight;

  private NgrokTunnelProvider(Builder b) {
    this.options = b.options;
    this.connector = b.connector;
    this.shutdownHooks = b.shutdownHooks;
    this.preflight = b.connector == null;
  }

  /** Returns a provider using ngrok's native library and the JVM's shutdown hooks. */
  public static NgrokTunnelProvider create(NgrokOptions options) {
    return builder(options).build();
  }

  /** Returns a builder for a provider with {@code options}. */
  public static Builder builder(NgrokOptions options) {
    return new Builder(options);
  }

  /** Returns the options this provider opens tunnels with. */
  public NgrokOptions options() {
    return options;
  }

  /**
   * Opens a tunnel forwarding to {@code localUrl}.
   *
   * @param localUrl an absolute {@code http} URL with a host, for example {@code
   *     http://127.0.0.1:8080}
   * @return the open tunnel; close it (or let the shutdown hook do it)
   * @throws TunnelException with the {@link Reason} and a hint naming the fix
   */
  @Override
  public NgrokTunnel open(URI localUrl) {
    URL target = localTarget(Objects.requireNonNull(localUrl, "localUrl == null"));
    String classifier = NgrokPreflight.platformClassifier();
    if (preflight) {
      NgrokPreflight.checkNativeLibrary();
    }
    SessionConnector sessions = connector == null ? SessionConnector.nativeSession() : connector;
    NgrokTunnel tunnel = new ConnectAttempt(sessions, options, localUrl, target, classifier).run();
    Thread hook = new Thread(tunnel::close, "portkit-ngrok-shutdown");
    tunnel.onClose(() -> shutdownHooks.remove(hook));
    try {
      shutdownHooks.add(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      tunnel.close();
      throw new TunnelException(
          Reason.FAILED, "the JVM is shutting down, so the ngrok tunnel was closed again", e);
    }
    log.info("ngrok tunnel open: {} -> {}", tunnel.publicUrl(), localUrl);
    return tunnel;
  }

  @Override
  public String toString() {
    return "NgrokTunnelProvider[" + options + "]";
  }

  private static URL localTarget(URI localUrl) {
    String scheme =
        localUrl.getScheme() == null ? "" : localUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || localUrl.getHost() == null) {
      throw new TunnelException(
          Reason.CONFIGURATION,
          "localUrl must be an absolute http URL with a host, for example http://127.0.0.1:8080: "
              + localUrl);
    }
    try {
      return localUrl.toURL();
    } catch (MalformedURLException e) {
      throw new TunnelException(
          Reason.CONFIGURATION, "localUrl is not a valid URL: " + localUrl, e);
    }
  }

  /** Builds an {@link NgrokTunnelProvider}. Not thread-safe. */
  public static final class Builder {
    private final NgrokOptions options;
    private SessionConnector connector;
    private ShutdownHooks shutdownHooks = ShutdownHooks.runtime();

    private Builder(NgrokOptions options) {
      this.options = Objects.requireNonNull(options, "options == null");
    }

    /**
     * Replaces ngrok's native connector, for tests or a custom session setup. With a custom
     * connector the native-library pre-flight is skipped, since the connector may need none.
     */
    public Builder connector(SessionConnector connector) {
      this.connector = Objects.requireNonNull(connector, "connector == null");
      return this;
    }

    /** Replaces the JVM's shutdown hooks; tests use it to run the hook directly. */
    public Builder shutdownHooks(ShutdownHooks shutdownHooks) {
      this.shutdownHooks = Objects.requireNonNull(shutdownHooks, "shutdownHooks == null");
      return this;
    }

    /** Returns the provider. */
    public NgrokTunnelProvider build() {
      return new NgrokTunnelProvider(this);
    }
  }
}
