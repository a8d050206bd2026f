package io.portkit.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.webhook.RequestHeaders;
import io.portkit.webhook.RunInvocation;
import io.portkit.webhook.RunInvocationParser;
import io.portkit.webhook.Verification;
import io.portkit.webhook.WebhookSigner;
import io.portkit.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of webhook intake for a realistic 1.6 KB recommended-template body: verify + parse, beside
 * the floors (HMAC alone, Jackson parse alone) and the agent-fallback path.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WebhookIntake -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WebhookIntakeBenchmark {
  private static final String SECRET = "bench-client-secret-0123456789abcdef";
  private static final long TS = 1713277889L;

  private byte[] body;
  private byte[] spacedBody;
  private RequestHeaders headers;
  private RequestHeaders agentHeaders;
  private WebhookVerifier verifier;
  private RunInvocationParser parser;
  private ObjectMapper mapper;
  private Mac macPrototype;

  /** Loads the body and builds the verifier, parser and floors. */
  @Setup
  public void setUp() throws Exception {
    body = resource("/webhook-body.json");
    String compact = new String(body, UTF_8).strip();
    body = compact.getBytes(UTF_8);
    spacedBody = compact.replace("\":", "\": ").replace(",\"", ", \"").getBytes(UTF_8);
    WebhookSigner signer = WebhookSigner.withSecret(SECRET);
    headers = RequestHeaders.of("x-port-timestamp", "" + TS, "x-port-signature", signer.sign(TS, body));
    agentHeaders = headers;
    verifier =
        WebhookVerifier.builder()
            .secret(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
            .build();
    parser = new RunInvocationParser();
    mapper = new ObjectMapper();
    macPrototype = Mac.getInstance("HmacSHA256");
    macPrototype.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
    // Fail fast if the benchmark would measure a rejection instead of the happy path.
    verifier.verify(agentHeaders, spacedBody);
  }

  /** Verify the signature over the raw bytes, then parse into a RunInvocation. */
  @Benchmark
  public RunInvocation verifyAndParse() {
    verifier.verify(headers, body);
    return parser.parse(headers, body);
  }

  /** Verification alone (raw bytes match). */
  @Benchmark
  public Verification verifyOnly() {
    return verifier.verify(headers, body);
  }

  /** Agent-forwarded spaced body: raw miss, then compact re-serialization and a second HMAC. */
  @Benchmark
  public Verification verifyAgentFallback() {
    return verifier.verify(agentHeaders, spacedBody);
  }

  /** Floor: one HMAC-SHA256 over "{ts}." + body with a pre-keyed Mac. */
  @Benchmark
  public byte[] hmacOnly() throws CloneNotSupportedException {
    Mac mac = (Mac) macPrototype.clone();
    mac.update((TS + ".").getBytes(UTF_8));
    return mac.doFinal(body);
  }

  /** Floor: Jackson readTree of the body. */
  @Benchmark
  public JsonNode jacksonParseOnly() throws IOException {
    return mapper.readTree(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebhookIntakeBenchmark.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
