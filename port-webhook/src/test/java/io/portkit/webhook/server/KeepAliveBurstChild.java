package io.portkit.webhook.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child JVM of {@link WebhookReceiverKeepAliveTest}: a fresh JVM, so that the receiver is the
 * first JDK {@code HttpServer} in it and its defaults decide the JDK's settings. Sends {@code
 * waves} bursts of {@code senders} concurrent signed POSTs over one keep-alive client and prints
 * {@code RESULT answered=<n> lost=<n> maxIdle=<property>}, plus the first loss.
 */
public final class KeepAliveBurstChild {
  private static final String SECRET = "keep-alive-burst-secret";

  private KeepAliveBurstChild() {}

  public static void main(String[] args) throws Exception {
    int senders = Integer.parseInt(args[0]);
    int waves = Integer.parseInt(args[1]);
    int answered = 0;
    int lost = 0;
    String firstLoss = "";
    try (WebhookReceiver receiver =
        WebhookReceiver.builder()
            .verifier(SignatureVerifier.builder().addSecret(SECRET).build())
            .dispatcher(run -> DispatchOutcome.accepted())
            .manualRoute(true)
            .port(0)
            .stopGrace(java.time.Duration.ZERO)
            .start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Signer signer = Signer.withSecret(SECRET);
      URI manual = receiver.uri().resolve("/manual");
      for (int wave = 0; wave < waves; wave++) {
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
          byte[] body =
              ("{\"port_context\":{\"runId\":\"r_" + wave + "_" + i + "\"}}").getBytes(UTF_8);
          long ts = System.currentTimeMillis() / 1000;
          answers.add(
              client.sendAsync(
                  HttpRequest.newBuilder(manual)
                      .header("x-port-timestamp", Long.toString(ts))
                      .header("x-port-signature", signer.sign(ts, body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding()));
        }
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
          try {
            if (answer.get(60, TimeUnit.SECONDS).statusCode() == 202) {
              answered++;
            } else {
              lost++;
            }
          } catch (ExecutionException | TimeoutException e) {
            lost++;
            firstLoss = firstLoss.isEmpty() ? String.valueOf(e.getCause()) : firstLoss;
          }
        }
      }
    }
    System.out.println(
        "RESULT answered="
            + answered
            + " lost="
            + lost
            + " maxIdle="
            + System.getProperty("sun.net.httpserver.maxIdleConnections")
            + " first="
            + firstLoss);
  }
}
