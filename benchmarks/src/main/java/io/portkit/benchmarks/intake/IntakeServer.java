package io.portkit.benchmarks.intake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.webhook.internal.JdkHttpServerDefaults;
import io.portkit.webhook.server.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the intake benchmark's target until killed: either portkit's receiver ({@code POST
 * /manual}: verify, parse, acknowledge 202) or a bare JDK {@code HttpServer} that reads the body
 * and answers 200. Both bind 127.0.0.1, use TCP_NODELAY and an executor of the same size.
 *
 * <p>Usage: {@code IntakeServer portkit|bare <port> <threads> <secret>}; {@code threads} 0 means no
 * executor of the benchmark's: the bare server then runs exchanges on the JDK server's own
 * dispatcher thread (as {@code HttpServer.create} does by default), portkit's receiver on its
 * default executor; -1 runs portkit's exchanges on the dispatcher thread too, which only measures
 * what the hand-off to an executor costs (a slow client would hold every delivery). Prints {@code
 * READY} when it accepts connections.
 */
public final class IntakeServer {
  private static final byte[] BARE_ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

  private IntakeServer() {}

  /**
   * Starts the chosen server and blocks until the process is killed.
   *
   * @param args {@code portkit|bare}, port, executor threads, client secret
   * @throws Exception if the port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4 || !(args[0].equals("portkit") || args[0].equals("bare"))) {
      System.err.println("usage: IntakeServer portkit|bare <port> <threads> <secret>");
      System.exit(2);
    }
    // The same JDK server settings for both: TCP_NODELAY and portkit's idle-connection bound.
    JdkHttpServerDefaults.apply();
    int port = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    ExecutorService executor = threads > 0 ? pool(threads) : null;
    if (args[0].equals("portkit")) {
      SignatureVerifier verifier = SignatureVerifier.builder().addSecret(args[3]).build();
      WebhookReceiver.Builder receiver =
          WebhookReceiver.builder()
              .verifier(verifier)
              .dispatcher(
                  run ->
                      DispatchOutcome.rejected(
                          DispatchOutcome.Reason.NO_HANDLER, "the benchmark uses /manual"))
              .manualRoute(true)
              .port(port);
      if (executor != null) {
        receiver.executor(executor);
      } else if (threads < 0) {
        receiver.executor(Runnable::run);
      }
      receiver.start();
    } else {
      // The receiver's listen backlog too, so that the two differ only in what runs per request.
      HttpServer server =
          io.portkit.webhook.internal.JdkHttpServerDefaults.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server.setExecutor(executor); // null: the JDK's default, the dispatcher thread
      server.createContext("/", IntakeServer::bare);
      server.start();
    }
    System.out.println("READY " + args[0] + " on 127.0.0.1:" + port);
    new CountDownLatch(1).await();
  }

  private static void bare(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, BARE_ANSWER.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BARE_ANSWER);
      }
    }
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "intake-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
