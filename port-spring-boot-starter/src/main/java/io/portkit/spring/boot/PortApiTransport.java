package io.portkit.spring.boot;

import io.portkit.client.PortClient;
import io.portkit.client.RetryPolicy;
import io.portkit.client.Sleeper;
import io.portkit.client.auth.CachingTokenSource;
import io.portkit.client.auth.TokenSource;
import io.portkit.client.internal.PortApi;
import io.portkit.client.internal.PortJson;
import io.portkit.client.internal.RetryingSender;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The Port client and the token source it uses, built together so the health contributor can ask
 * the same cached token source whether a token is obtainable (without a request while the token is
 * fresh). Uses port-client's internal token fetcher, the very one {@code PortClient} uses: the
 * starter ships in the same release as port-client.
 */
final class PortApiTransport {
  private final PortClient client;
  private final TokenSource tokens;

  PortApiTransport(
      PortConnectionDetails details,
      List<PortClientCustomizer> customizers,
      Duration writeCoalescing) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Sleeper sleeper = Sleeper.SYSTEM;
    for (PortClientCustomizer c : customizers) {
      http = c.customize(http);
      sleeper = c.customize(sleeper);
    }
    Clock clock = Clock.systemUTC();
    RetryingSender sender =
        new RetryingSender(
            http,
            details.apiUrl(),
            Duration.ofSeconds(30),
            PortClient.userAgent(),
            PortJson.newMapper(),
            clock,
            sleeper,
            RetryPolicy.DEFAULT,
            new Random());
    this.tokens =
        CachingTokenSource.builder(
                PortApi.tokenFetcher(sender, PortJson.newMapper(), details.credentials(), clock))
            .clock(clock)
            .build();
    this.client =
        PortClient.builder()
            .baseUri(details.apiUrl())
            .tokenSource(tokens)
            .httpClient(http)
            .sleeper(sleeper)
            .writeCoalescing(writeCoalescing)
            .build();
  }

  PortClient client() {
    return client;
  }

  TokenSource tokens() {
    return tokens;
  }

  @Override
  public String toString() {
    return "PortApiTransport[" + client + "]";
  }
}
