package io.portkit.benchmarks.token;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts token requests made by one cold {@link PortClient} serving 1,000 concurrent API calls
 * (target: exactly 1), against a {@link PortEmulator} on 127.0.0.1.
 *
 * <p>Usage: {@code TokenBenchmark [calls] [rounds]}; defaults 1000 and 5. Each round uses a fresh
 * emulator and a fresh client; all calls start together from one latch, each on its own thread.
 * Prints one line per round and exits non-zero if any round made other than one token request or
 * any call failed.
 */
public final class TokenBenchmark {
  private static final String TOKEN_PATH = "/v1/auth/access_token";

  private TokenBenchmark() {}

  /**
   * Runs the rounds and prints the results.
   *
   * @param args optional number of concurrent calls and of rounds
   * @throws Exception if a round cannot complete within its bound
   */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf(
        "TokenBenchmark: %d concurrent runs().get calls per round, %d rounds, java %s%n",
        calls, rounds, System.getProperty("java.version"));
    boolean ok = true;
    for (int round = 1; round <= rounds; round++) {
      Result r = round(calls);
      System.out.printf(
          "round %d: token requests=%d, calls ok=%d, failed=%d, run requests=%d," + " wall=%d ms%n",
          round, r.tokenRequests, r.ok, r.failed, r.runRequests, r.wallMillis);
      ok &= r.tokenRequests == 1 && r.failed == 0;
    }
    System.exit(ok ? 0 : 1);
  }

  private static Result round(int calls) throws Exception {
    try (PortEmulator port = PortEmulator.start()) {
      port.defineAction(
          Action.builder("deploy")
              .title("Deploy")
              .invocationMethod(InvocationMethod.webhook(URI.create("http://127.0.0.1:9/hook")))
              .build());
      String runId = port.createRun("deploy", JsonNodeFactory.instance.objectNode()).id();
      PortClient client =
          PortClient.builder()
              .baseUri(port.baseUri())
              .credentials(port.credentials())
              .requestTimeout(Duration.ofSeconds(60))
              .build();
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      List<Thread> threads = new ArrayList<>(calls);
      List<CompletableFuture<Void>> done = new ArrayList<>(calls);
      for (int i = 0; i < calls; i++) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        done.add(f);
        Thread t = new Thread(() -> call(client, runId, go, ok, failed, f), "call-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
      long start = System.nanoTime();
      go.countDown();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      long wall = (System.nanoTime() - start) / 1_000_000;
      long tokens = port.requests().stream().filter(r -> r.path().equals(TOKEN_PATH)).count();
      long runRequests =
          port.requests().stream().filter(r -> r.path().startsWith("/v1/actions/runs/")).count();
      return new Result(tokens, ok.get(), failed.get(), runRequests, wall);
    }
  }

  private static void call(
      PortClient client,
      String runId,
      CountDownLatch go,
      AtomicInteger ok,
      AtomicInteger failed,
      CompletableFuture<Void> done) {
    try {
      go.await();
      client.runs().get(runId);
      ok.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed.incrementAndGet();
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      System.err.println("call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      done.complete(null);
    }
  }

  private record Result(
      long tokenRequests, int ok, int failed, long runRequests, long wallMillis) {}
}
