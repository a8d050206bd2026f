package io.portkit.webhook.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

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
 *   <li>{@code sun.net.httpserver.maxIdleConnections=2048} (the JDK's default is 200): when that
 *       many keep-alive connections are already idle, the server closes the next one the moment it
 *       has answered. A client that has just put that connection back in its pool can send the next
 *       POST on it and get no answer at all ("header parser received no bytes"), and a webhook
 *       without an answer is a run Port marks failed. With 400 concurrent senders on Java 25, 1 to
 *       18 of 2,000 deliveries were lost that way at 200, none at 1,024; 2,000 webhooks sent at
 *       once, each on its own connection, still lost 6 to 14 at 1,024. So the bound equals {@code
 *       maxConnections} below: no connection the server may hold open is closed early. Idle
 *       connections still close after the JDK's idle interval (30 s).
 *   <li>{@code sun.net.httpserver.maxReqTime=10} (seconds; the JDK's default is forever): from the
 *       first byte of a request to the last byte of its body. Each request holds a thread of the
 *       server while it arrives, so without a bound a client that sends a few header bytes now and
 *       then holds one as long as it likes, and a few dozen such connections starved the Java 17
 *       pool (issue #12). Past the bound the JDK closes the connection; a connection that sends
 *       nothing at all is closed after the same time. Port sends a webhook in one go.
 *   <li>{@code sun.net.httpserver.maxRspTime=60} (seconds; default forever): from the end of the
 *       body to the end of the answer, so a client that does not read its answer cannot hold a
 *       thread either. It includes the handler's time for a synchronized action, so it stays above
 *       the dispatcher's {@code syncTimeout} (25 s).
 *   <li>{@code sun.net.httpserver.maxReqHeaders=100} and {@code maxReqHeaderSize=32768} (the JDK's
 *       are 200 and 380 KiB): a request line plus headers beyond these is refused and its
 *       connection closed. Port's webhooks carry about a dozen headers, 2 KB in all; a proxy adds a
 *       few. The JDK keeps a request's headers as characters while it reads them, so this also
 *       bounds what slow connections can make it hold: 2,048 of them at most 128 MiB.
 *   <li>{@code jdk.httpserver.maxConnections=2048} (default unlimited): connections open at once,
 *       beyond which new ones are closed on accept, so that a flood of connections cannot use up
 *       the process's file descriptors (the journal, the calls to Port) before the bounds above
 *       reap them.
 * </ul>
 *
 * <p>One more setting is not a property but an argument of {@code HttpServer.create}: the listen
 * backlog, the connections the kernel completes and holds until the server's one accepting thread
 * takes them. The JDK's default (0) means 50. A burst past that overflows the queue; Linux then
 * answers with SYN cookies, and a connection whose cookie fails is reset after the client has sent
 * its request: the sender sees "header parser received no bytes" and Port marks the run failed.
 * 2,000 POSTs at once from one JDK client lost 23 to 78 that way here with 50, none with {@value
 * #DEFAULT_BACKLOG} (ADR 0237). {@link #create} uses {@value #DEFAULT_BACKLOG}; the kernel caps it
 * at {@code net.core.somaxconn} (4,096 on Linux 5.4 and later).
 *
 * <p>ADR 0155 has the reasons for each value. Not API: may change in any release.
 */
public final class JdkHttpServerDefaults {
  /** The property that turns TCP_NODELAY on for the JDK server's sockets. */
  public static final String NODELAY = "sun.net.httpserver.nodelay";

  /** The property bounding how many idle keep-alive connections the JDK server keeps. */
  public static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  /** The property bounding, in seconds, the time to receive a request line, headers and body. */
  public static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";

  /** The property bounding, in seconds, the time from a request's end to its answer's end. */
  public static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";

  /** The property bounding how many headers a request may have. */
  public static final String MAX_REQ_HEADERS = "sun.net.httpserver.maxReqHeaders";

  /** The property bounding the bytes of a request line plus headers. */
  public static final String MAX_REQ_HEADER_SIZE = "sun.net.httpserver.maxReqHeaderSize";

  /** The property bounding the connections open at once. */
  public static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";

  /** The idle connection bound portkit sets when the application did not. */
  public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 2048;

  /** The request time bound, in seconds, portkit sets when the application did not. */
  public static final int DEFAULT_MAX_REQ_TIME_SECONDS = 10;

  /** The response time bound, in seconds, portkit sets when the application did not. */
  public static final int DEFAULT_MAX_RSP_TIME_SECONDS = 60;

  /** The header count bound portkit sets when the application did not. */
  public static final int DEFAULT_MAX_REQ_HEADERS = 100;

  /** The header size bound, in bytes, portkit sets when the application did not. */
  public static final int DEFAULT_MAX_REQ_HEADER_SIZE = 32 * 1024;

  /** The connection bound portkit sets when the application did not. */
  public static final int DEFAULT_MAX_CONNECTIONS = 2048;

  /** The listen backlog {@link #create} asks for, as many as the connection bound. */
  public static final int DEFAULT_BACKLOG = DEFAULT_MAX_CONNECTIONS;

  private static final Map<String, String> DEFAULTS = defaults();

  private JdkHttpServerDefaults() {}

  /**
   * Applies the properties (see {@link #apply()}), then creates a JDK server bound to {@code
   * address} with a listen backlog of {@value #DEFAULT_BACKLOG}.
   *
   * @throws IOException if the address cannot be bound
   */
  public static HttpServer create(InetSocketAddress address) throws IOException {
    return create(address, DEFAULT_BACKLOG);
  }

  /**
   * Applies the properties (see {@link #apply()}), then creates a JDK server bound to {@code
   * address} with a listen backlog of {@code backlog} connections.
   *
   * @throws IOException if the address cannot be bound
   * @throws IllegalArgumentException if {@code backlog} is not positive
   */
  public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    if (backlog < 1) {
      throw new IllegalArgumentException(
          "backlog must be at least 1, got " + backlog + " (0 would mean the JDK's 50)");
    }
    apply();
    return HttpServer.create(address, backlog);
  }

  /** Sets each property this class knows to portkit's value unless it is already set. */
  public static synchronized void apply() {
    DEFAULTS.forEach(JdkHttpServerDefaults::setIfAbsent);
  }

  /** Returns each property this class sets and portkit's value for it, in a fixed order. */
  public static Map<String, String> values() {
    return DEFAULTS;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(NODELAY, "true");
    d.put(MAX_IDLE_CONNECTIONS, Integer.toString(DEFAULT_MAX_IDLE_CONNECTIONS));
    d.put(MAX_REQ_TIME, Integer.toString(DEFAULT_MAX_REQ_TIME_SECONDS));
    d.put(MAX_RSP_TIME, Integer.toString(DEFAULT_MAX_RSP_TIME_SECONDS));
    d.put(MAX_REQ_HEADERS, Integer.toString(DEFAULT_MAX_REQ_HEADERS));
    d.put(MAX_REQ_HEADER_SIZE, Integer.toString(DEFAULT_MAX_REQ_HEADER_SIZE));
    d.put(MAX_CONNECTIONS, Integer.toString(DEFAULT_MAX_CONNECTIONS));
    return java.util.Collections.unmodifiableMap(d);
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
