package io.portkit.tunnel.ngrok;

import com.ngrok.Forwarder;
import com.ngrok.HttpBuilder;
import com.ngrok.Session;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One bounded attempt to connect a session and start forwarding. The blocking ngrok calls run on a
 * daemon thread; the caller waits at most the connect timeout. Whatever the worker creates after
 * the caller gave up, or before a step fails, is torn down, so no session outlives a failed open.
 */
final class ConnectAttempt {
  private final SessionConnector connector;
  private final NgrokOptions options;
  private final URI localUrl;
  private final URL localTarget;
  private final String classifier;
  private final AtomicBoolean abandoned = new AtomicBoolean();

  ConnectAttempt(
      SessionConnector connector,
      NgrokOptions options,
      URI localUrl,
      URL localTarget,
      String classifier) {
    this.connector = connector;
    this.options = options;
    this.localUrl = localUrl;
    this.localTarget = localTarget;
    this.classifier = classifier;
  }

  /** Runs the attempt and returns the open tunnel, or throws an explained failure. */
  NgrokTunnel run() {
    CompletableFuture<NgrokTunnel> result = new CompletableFuture<>();
    Thread worker = new Thread(() -> connectAndForward(result), "portkit-ngrok-connect");
    worker.setDaemon(true);
    worker.start();
    long timeoutMillis = options.connectTimeout().toMillis();
    try {
      return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandon(result);
      throw new TunnelException(
          Reason.CONNECT_TIMEOUT,
          "ngrok did not connect within "
              + timeoutMillis
              + " ms: check the network and"
              + " https://status.ngrok.com, or raise NgrokOptions.builder().connectTimeout(...);"
              + " a session that connects later is closed at once");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon(result);
      throw new TunnelException(Reason.INTERRUPTED, "interrupted while connecting to ngrok", e);
    } catch (ExecutionException e) {
      // The worker only completes exceptionally with an explained TunnelException.
      throw (TunnelException) e.getCause();
    }
  }

  private void abandon(CompletableFuture<NgrokTunnel> result) {
    abandoned.set(true);
    // Runs now if the tunnel has just arrived, or later when it does.
    result.thenAccept(NgrokTunnel::close);
  }

  private void connectAndForward(CompletableFuture<NgrokTunnel> result) {
    Session session = null;
    Forwarder forwarder = null;
    try {
      session = connector.connect(Session.withAuthtoken(options.authtoken()));
      if (session == null) {
        throw new IllegalStateException("SessionConnector returned null instead of a session");
      }
      if (abandoned.get()) {
        NgrokTunnel.teardown(session, null, options.authtoken());
        result.cancel(false);
        return;
      }
      forwarder = forward(session);
      URI publicUrl = publicUrl(forwarder);
      result.complete(
          new NgrokTunnel(session, forwarder, publicUrl, localUrl, options.authtoken()));
    } catch (Exception | LinkageError e) {
      if (session != null) {
        NgrokTunnel.teardown(session, forwarder, options.authtoken());
      }
      result.completeExceptionally(NgrokHints.explain(e, options, classifier));
    }
  }

  private Forwarder forward(Session session) throws java.io.IOException {
    if (options.usesEdge()) {
      return session
          .edge()
          .label(options.edgeLabelKey(), options.edgeLabelValue())
          .forward(localTarget);
    }
    HttpBuilder endpoint = session.httpEndpoint();
    if (options.domain() != null) {
      endpoint.domain(options.domain());
    }
    return endpoint.forward(localTarget);
  }

  private URI publicUrl(Forwarder forwarder) {
    if (options.usesEdge()) {
      // ngrok reports no URL for a labeled tunnel; the edge's hostname comes from configuration.
      return URI.create("https://" + options.domain());
    }
    String url = ((Forwarder.Endpoint) forwarder).getUrl();
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("ngrok reported no public URL for the endpoint");
    }
    return URI.create(url);
  }
}
