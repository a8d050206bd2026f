package io.portkit.benchmarks.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.benchmarks.e2e.Args;
import io.portkit.client.PortClient;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.internal.ApiCall;
import io.portkit.client.internal.CallClassifier;
import io.portkit.client.ratelimit.CallPriority;
import io.portkit.client.ratelimit.RateLimitPolicy;
import io.portkit.client.ratelimit.RateLimitStatus;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RecordedRequest;
import io.portkit.webhook.server.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runs} asynchronous runs, each logging three lines, setting a label and ending (every tenth
 * with FAILURE), through PortEmulator, WebhookReceiver, RunDispatcher and PortClient, against an
 * emulator budget of {@code limit} calls per {@code period} seconds. Prints the wall time until
 * every run ended, the calls and 429s by priority, the calls the gate held back, and whether every
 * run ended with its handler's status. {@code --gate 0} measures the same without the gate (429s
 * still waited out). A plain main, not JMH: the figure is a wall clock bounded by the budget. Not
 * run by the build.
 */
public final class RateLimitBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RateLimitBenchmark() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args {@code --runs N} (default 500), {@code --limit N} (default 100), {@code --period S}
   *     (default 1), {@code --gate 1|0} (default 1)
   * @throws Exception if a run does not end within 10 minutes
   */
  public static void main(String[] args) throws Exception {
    int runs = Args.intOf(args, "--runs", 500);
    int limit = Args.intOf(args, "--limit", 100);
    int period = Args.intOf(args, "--period", 1);
    boolean gate = true;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--gate")) {
        gate = !args[i + 1].equals("0");
      }
    }
    RateLimitPolicy policy = gate ? RateLimitPolicy.DEFAULT : RateLimitPolicy.NO_GATE;
    try (PortEmulator port =
        PortEmulator.builder().rateLimit(limit, Duration.ofSeconds(period)).start()) {
      PortClient client =
          PortClient.builder()
              .baseUri(port.baseUri())
              .credentials(port.credentials())
              .rateLimitPolicy(policy)
              .build();
      RunDispatcher dispatcher =
          RunDispatcher.builder()
              .client(client)
              .maxInFlight(runs)
              .handle(
                  "deploy",
                  (run, ctx) -> {
                    int n = run.inputs().path("n").asInt();
                    ctx.log("step 1 of " + n);
                    ctx.log("step 2 of " + n);
                    ctx.log("step 3 of " + n);
                    ctx.statusLabel("deployed " + n);
                    if (n % 10 == 0) {
                      ctx.fail("refused " + n);
                    } else {
                      ctx.succeed("done " + n);
                    }
                  })
              .build();
      try (WebhookReceiver receiver =
          WebhookReceiver.builder()
              .verifier(SignatureVerifier.builder().addSecret(port.clientSecret()).build())
              .dispatcher(dispatcher)
              .port(0)
              .stopGrace(Duration.ZERO)
              .start()) {
        port.defineAction(
            Action.builder("deploy")
                .title("Deploy")
                .invocationMethod(InvocationMethod.webhook(receiver.uri()))
                .build());
        client.checkCredentials(); // the token is not what is measured
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= runs; n++) {
          ids.add(port.trigger("deploy", JsonNodeFactory.instance.objectNode().put("n", n)).id());
        }
        int wrong = 0;
        int notices = 0;
        for (int n = 1; n <= runs; n++) {
          RunStatus expected = n % 10 == 0 ? RunStatus.FAILURE : RunStatus.SUCCESS;
          EmulatedRun run = port.awaitRun(ids.get(n - 1), expected, Duration.ofMinutes(10));
          String summary = (n % 10 == 0 ? "refused " : "done ") + n;
          wrong += summary.equals(run.summary()) ? 0 : 1;
          notices +=
              (int)
                  run.logs().stream()
                      .filter(l -> l.message().contains(RateLimitPolicy.DELAY_NOTICE))
                      .count();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        dispatcher.close();
        report(port, client.rateLimit(), runs, limit, period, gate, millis, wrong, notices);
      }
    }
  }

  private static void report(
      PortEmulator port,
      RateLimitStatus budget,
      int runs,
      int limit,
      int period,
      boolean gate,
      long millis,
      int wrong,
      int notices) {
    Map<CallPriority, int[]> calls = new EnumMap<>(CallPriority.class); // [sent, 429]
    for (RecordedRequest r : port.requests()) {
      CallPriority p = CallClassifier.priority(call(r));
      int[] c = calls.computeIfAbsent(p, k -> new int[2]);
      c[0]++;
      c[1] += r.status() == 429 ? 1 : 0;
    }
    int total = calls.values().stream().mapToInt(c -> c[0]).sum();
    int tooMany = calls.values().stream().mapToInt(c -> c[1]).sum();
    System.out.printf(
        "rate limit: java %s, %d cores, %d runs, budget %d per %d s, gate %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), runs, limit, period, gate);
    System.out.printf(
        "all runs ended in %d ms (the budget allows %d calls in that time); %d requests, %d"
            + " answered 429; %d runs with a wrong status or summary; %d delay notices%n",
        millis, (millis / 1000 + 1) * limit / period, total, tooMany, wrong, notices);
    for (CallPriority p : CallPriority.values()) {
      int[] c = calls.getOrDefault(p, new int[2]);
      System.out.printf(
          "  %-14s requests %5d  429s %4d  held back by the gate %5d%n",
          p, c[0], c[1], budget.delayedCalls(p));
    }
  }

  private static ApiCall call(RecordedRequest r) {
    JsonNode body = null;
    if (r.body() != null && !r.body().isEmpty()) {
      try {
        body = MAPPER.readTree(r.body());
      } catch (Exception e) {
        body = null;
      }
    }
    return new ApiCall(r.method(), r.path(), r.query(), body, ApiCall.Replay.IDEMPOTENT);
  }
}
