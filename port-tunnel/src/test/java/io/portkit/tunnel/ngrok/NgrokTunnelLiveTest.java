package io.portkit.tunnel.ngrok;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portkit.tunnel.Tunnel;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Opens a real ngrok tunnel; needs NGROK_AUTHTOKEN and ngrok-java-native on the classpath. */
@Tag("live")
@EnabledIfEnvironmentVariable(named = "NGROK_AUTHTOKEN", matches = ".+")
class NgrokTunnelLiveTest {

  @Test
  void open_realAccount_forwardsRequestsToLocalServer() throws Exception {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ping",
        exchange -> {
          byte[] body = "pong".getBytes(UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (Tunnel tunnel =
        NgrokTunnelProvider.create(NgrokOptions.fromEnv()).open(server.getAddress().getPort())) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(tunnel.publicUrl().resolve("/ping"))
                      .header("ngrok-skip-browser-warning", "1")
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.body()).isEqualTo("pong");
    } finally {
      server.stop(0);
    }
  }
}
