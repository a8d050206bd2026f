package io.portkit.webhook.internal;

/**
 * Settings of the JDK's {@code com.sun.net.httpserver} that a webhook receiver (or the emulator)
 * needs, applied as system properties unless the application set them. The JDK reads them once,
 * when the first server of the JVM starts, so they must be in place before that; every portkit
 * server calls {@link #apply()} before it creates one.
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.nodelay=true}: without TCP_NODELAY each keep-alive response waits
 *       for the peer's delayed ACK, about 40 ms; measured here, 660 requests/s without it and
 *       13,000 with it.
 *   <li>{@code sun.net.httpserver.maxIdleConnections=1024} (the JDK's default is 200): when that
 *       many keep-alive connections are already idle, the server closes the next one the moment it
 *       has answered. A client that has just put that connection back in its pool can send the next
 *       POST on it and get no answer at all ("header parser received no bytes"), and a webhook
 *       without an answer is a run Port marks failed. With 400 concurrent senders on Java 25, 1 to
 *       18 of 2,000 deliveries were lost that way at 200, none at 1,024. Idle connections still
 *       close after the JDK's idle interval (30 s).
 * </ul>
 *
 * <p>Not API: may change in any release.
 */
public final class JdkHttpServerDefaults {
  /** The property that turns TCP_NODELAY on for the JDK server's sockets. */
  public static final String NODELAY = "sun.net.httpserver.nodelay";

  /** The property bounding how many idle keep-alive connections the JDK server keeps. */
  public static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  /** The idle connection bound portkit sets when the application did not. */
  public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 1024;

  private JdkHttpServerDefaults() {}

  /** Sets each property this class knows to portkit's value unless it is already set. */
  public static synchronized void apply() {
    setIfAbsent(NODELAY, "true");
    setIfAbsent(MAX_IDLE_CONNECTIONS, Integer.toString(DEFAULT_MAX_IDLE_CONNECTIONS));
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
