package io.portkit.tunnel.ngrok;

import com.ngrok.Session;
import java.io.IOException;

/**
 * Creates the ngrok {@link Session} from ngrok's builder: the seam between the tunnel lifecycle and
 * ngrok's native code. Production uses {@link #nativeSession()}; tests pass fake sessions.
 *
 * <p>Implementations may block (network I/O); the provider calls them on a daemon thread and bounds
 * the wait with {@link NgrokOptions#connectTimeout()}.
 */
@FunctionalInterface
public interface SessionConnector {

  /**
   * Connects a session.
   *
   * @param builder ngrok's settings, carrying the authtoken; never log it
   * @return the connected session, which the caller closes
   * @throws IOException as ngrok reports it, usually a {@code com.ngrok.NgrokException}
   */
  Session connect(Session.Builder builder) throws IOException;

  /** Returns the connector that uses ngrok's native library ({@code Session.connect}). */
  static SessionConnector nativeSession() {
    return Session::connect;
  }
}
