package io.portkit.tunnel.ngrok;

import com.ngrok.Forwarder;
import com.ngrok.Session;
import io.portkit.tunnel.Tunnel;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open ngrok tunnel: a session with one forwarder to the local receiver.
 *
 * <p>{@link #close()} tears down in order: {@code session.closeForwarder(id)} stops the forwarder
 * (closing the forwarder object alone leaves the session, and with it the account's agent slot,
 * alive), then {@code session.close()} ends the agent session. It runs once, from whichever comes
 * first: {@code close()}, the JVM shutdown hook, or a failed open. Thread-safe.
 */
public final class NgrokTunnel implements Tunnel {
  private static final Logger log = LoggerFactory.getLogger(NgrokTunnel.class);

  private final Session session;
  private final Forwarder forwarder;
  private final URI publicUrl;
  private final URI localUrl;
  private final String authtoken;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Runnable onClose = () -> {};

  NgrokTunnel(Session session, Forwarder forwarder, URI publicUrl, URI localUrl, String authtoken) {
    this.session = Objects.requireNonNull(session, "session == null");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder == null");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl == null");
    this.localUrl = Objects.requireNonNull(localUrl, "localUrl == null");
    this.authtoken = authtoken;
  }

  /** Sets what runs after teardown (removing the shutdown hook); set before publishing. */
  void onClose(Runnable onClose) {
    this.onClose = Objects.requireNonNull(onClose, "onClose == null");
  }

  @Override
  public URI publicUrl() {
    return publicUrl;
  }

  /** Returns the local receiver URL that ngrok forwards to. */
  public URI localUrl() {
    return localUrl;
  }

  /** Returns true once {@link #close()} (or the shutdown hook) has started the teardown. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes the forwarder, then the session, once. Failures are logged at WARN and do not stop the
   * next step: a session left open would block the next run on ngrok's free plan.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    teardown(session, forwarder, authtoken);
    onClose.run();
    log.info("ngrok tunnel closed: {}", publicUrl);
  }

  /** Closes {@code forwarder} (if any) through the session, then the session; never throws. */
  static void teardown(Session session, Forwarder forwarder, String authtoken) {
    if (forwarder != null) {
      try {
        session.closeForwarder(forwarder.getId());
      } catch (IOException | RuntimeException e) {
        log.warn(
            "could not close the ngrok forwarder; closing the session anyway: {}",
            Redaction.redact(String.valueOf(e), authtoken));
      }
    }
    try {
      session.close();
    } catch (IOException | RuntimeException e) {
      log.warn(
          "could not close the ngrok session; check https://dashboard.ngrok.com/agents: {}",
          Redaction.redact(String.valueOf(e), authtoken));
    }
  }

  @Override
  public String toString() {
    return "NgrokTunnel[publicUrl="
        + publicUrl
        + ", localUrl="
        + localUrl
        + ", closed="
        + closed.get()
        + "]";
  }
}
