package io.portkit.testkit;

import com.sun.net.httpserver.HttpServer;
import io.portkit.testkit.internal.EmulatorCore;
import io.portkit.testkit.internal.RequestPipeline;
import io.portkit.webhook.internal.JdkHttpServerDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The emulator's HTTP server on 127.0.0.1: bound and started on creation, stopped by close. */
final class EmulatorServer {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI baseUri;

  /**
   * Binds {@code port} (0 for a free one) and serves {@code core}'s routes.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  EmulatorServer(EmulatorCore core, int port) {
    try {
      // TCP_NODELAY, room for idle keep-alive connections, a listen queue for 500 handlers at once.
      server =
          JdkHttpServerDefaults.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the Port emulator to 127.0.0.1:"
              + port
              + " (is the port in use? pass port 0 for a free one)",
          e);
    }
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "port-emulator-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", new RequestPipeline(core));
    server.start();
    baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI baseUri() {
    return baseUri;
  }

  /** Stops accepting and serving at once. */
  void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
