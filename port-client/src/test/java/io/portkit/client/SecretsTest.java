package io.portkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.portkit.client.auth.AccessToken;
import io.portkit.client.testing.FakePortServer;
import io.portkit.client.testing.FakePortServer.Reply;
import io.portkit.client.testing.RecordingSleeper;
import io.portkit.client.testing.TestClients;
import io.portkit.testsupport.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No secret or token reaches an exception message, a response body kept on one, or toString. */
class SecretsTest {
  private static final String SECRET = TestClients.CREDENTIALS.clientSecret();
  private static final String TOKEN = "tok-very-secret";
  private static final String RUN_PATH = "/v1/actions/runs/r_1";

  private final FakePortServer server = FakePortServer.start();
  private final MutableClock clock = MutableClock.standard();
  private final PortClient client =
      TestClients.builder(server, clock, new RecordingSleeper(clock)).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> texts(Throwable t) {
    List<String> out = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      out.add(String.valueOf(c.getMessage()));
      out.add(c.toString());
      if (c instanceof PortApiException) {
        out.add(((PortApiException) c).responseBody());
      }
    }
    return out;
  }

  @Test
  void tokenEndpointErrorEchoingSecret_bodyNotKept() {
    server.enqueue(
        "POST",
        "/v1/auth/access_token",
        Reply.json(401, "{\"ok\":false,\"error\":\"bad\",\"echo\":\"" + SECRET + "\"}"));

    Throwable t = catchThrowable(() -> client.runs().get("r_1"));

    assertThat(t).isInstanceOf(PortAuthenticationException.class);
    assertThat(texts(t)).noneMatch(s -> s.contains(SECRET));
  }

  @Test
  void tokenAnswerWithoutExpiry_messageHasNoToken() {
    server.enqueue(
        "POST",
        "/v1/auth/access_token",
        Reply.json(
            200, "{\"ok\":true,\"accessToken\":\"" + TOKEN + "\",\"tokenType\":\"Bearer\"}"));

    Throwable t = catchThrowable(() -> client.runs().get("r_1"));

    assertThat(t)
        .isInstanceOf(PortAuthenticationException.class)
        .hasMessage(
            "Port's token answer is unusable: the access token has no exp claim and the"
                + " answer has no expiresIn: cannot tell when it expires. Port API POST"
                + " /v1/auth/access_token failed: 200");
    assertThat(texts(t)).noneMatch(s -> s.contains(TOKEN) || s.contains(SECRET));
  }

  @Test
  void apiErrors_neverContainTokenOrSecret() {
    server.enqueue(
        "POST",
        "/v1/auth/access_token",
        Reply.json(200, "{\"ok\":true,\"accessToken\":\"" + TOKEN + "\",\"expiresIn\":10800}"));
    server.enqueue("GET", RUN_PATH, Reply.json(401, "{\"ok\":false,\"error\":\"unauthorized\"}"));

    Throwable t = catchThrowable(() -> client.runs().get("r_1"));

    assertThat(t).isInstanceOf(PortAuthenticationException.class);
    assertThat(texts(t)).noneMatch(s -> s.contains(TOKEN) || s.contains(SECRET));
  }

  @Test
  void toStrings_maskSecrets() {
    AccessToken token = new AccessToken(TOKEN, "Bearer", Instant.EPOCH);

    assertThat(token.toString()).doesNotContain(TOKEN);
    assertThat(TestClients.CREDENTIALS.toString()).doesNotContain(SECRET);
    assertThat(client.toString()).doesNotContain(SECRET);
    assertThat(client.runContext("r_1").toString()).doesNotContain(SECRET);
  }
}
