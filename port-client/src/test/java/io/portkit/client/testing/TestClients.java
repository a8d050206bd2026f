package io.portkit.client.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.portkit.client.PortClient;
import io.portkit.client.auth.ClientCredentials;
import io.portkit.testsupport.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/** Shared test fixtures: clients wired to fakes, JWTs, fixture files. */
public final class TestClients {
  /** Credentials whose secret tests search for in messages. */
  public static final ClientCredentials CREDENTIALS =
      new ClientCredentials("client-abc", "super-secret-value");

  private TestClients() {}

  /** A {@link Random} whose {@code nextDouble} is always {@code value}, for exact backoffs. */
  public static Random fixedRandom(double value) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  /** Returns a builder pointed at {@code server}, with fake time and no jitter. */
  public static PortClient.Builder builder(
      FakePortServer server, MutableClock clock, RecordingSleeper sleeper) {
    return PortClient.builder()
        .baseUri(server.baseUri())
        .credentials(CREDENTIALS)
        .clock(clock)
        .sleeper(sleeper)
        .random(fixedRandom(0.0));
  }

  /** Returns a real HS256 JWT expiring at {@code exp}. */
  public static String jwt(Instant exp) {
    return JWT.create()
        .withSubject("client-abc")
        .withExpiresAt(exp)
        .sign(Algorithm.HMAC256("jwt-test-key"));
  }

  /** Reads {@code fixtures/<name>} from the test classpath. */
  public static String fixture(String name) {
    try (InputStream in = TestClients.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
