package io.portkit.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.backend.dispatch.DispatchOutcome;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.backend.invocation.Signer;
import io.portkit.backend.invocation.Verification;
import io.portkit.webhook.http.WebhookEndpoint;
import io.portkit.webhook.http.WebhookRequest;
import io.portkit.webhook.http.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the floors (HMAC alone, Jackson parse alone) and the agent-fallback path; and the whole of {@code
 * POST /manual} in {@link WebhookEndpoint} (headers as the JDK server hands them over, body read,
 * verify, parse, JSON answer), which is the handler work the intake load test measures.
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
  private SignatureVerifier verifier;
  private RunInvocationParser parser;
  private ObjectMapper mapper;
  private Mac macPrototype;
  private Map<String, List<String>> serverHeaders;
  private WebhookEndpoint endpoint;

  /** Loads the body and builds the verifier, parser and floors. */
  @Setup
  public void setUp() throws Exception {
    body = resource("/webhook-body.json");
    String compact = new String(body, UTF_8).strip();
    body = compact.getBytes(UTF_8);
    spacedBody = compact.replace("\":", "\": ").replace(",\"", ", \"").getBytes(UTF_8);
    Signer signer = Signer.withSecret(SECRET);
    headers =
        RequestHeaders.of("x-port-timestamp", "" + TS, "x-port-signature", signer.sign(TS, body));
    agentHeaders = headers;
    verifier =
        SignatureVerifier.builder()
            .addSecret(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))
            .build();
    parser = new RunInvocationParser();
    mapper = new ObjectMapper();
    macPrototype = Mac.getInstance("HmacSHA256");
    macPrototype.init(new SecretKeySpec(SECRET.getBytes(UTF_8), "HmacSHA256"));
    // The headers wrk sends, keyed as com.sun.net.httpserver.Headers normalizes them.
    serverHeaders = new LinkedHashMap<>();
    serverHeaders.put("Host", List.of("127.0.0.1:18080"));
    serverHeaders.put("Content-type", List.of("application/json"));
    serverHeaders.put("Content-length", List.of(Integer.toString(body.length)));
    serverHeaders.put("X-port-timestamp", List.of(Long.toString(TS)));
    serverHeaders.put("X-port-signature", List.of(signer.sign(TS, body)));
    endpoint =
        WebhookEndpoint.builder()
            .verifier(verifier)
            .dispatcher(
                run ->
                    DispatchOutcome.rejected(
                        DispatchOutcome.Reason.NO_HANDLER, "the benchmark uses /manual"))
            .manualRoute(true)
            .build();
    // Fail fast if the benchmark would measure a rejection instead of the happy path.
    verifier.verify(agentHeaders, spacedBody);
    int status = manualEndpoint().status();
    if (status != 202) {
      throw new IllegalStateException("POST /manual answered " + status + ", expected 202");
    }
  }

  /** Verify the signature over the raw bytes, then parse into a RunInvocation. */
  @Benchmark
  public RunInvocation verifyAndParse() {
    verifier.verify(headers, body);
    return parser.parse(headers, body);
  }

  /** The whole of POST /manual in the endpoint: headers, body read, verify, parse, answer. */
  @Benchmark
  public WebhookResponse manualEndpoint() {
    RequestHeaders requestHeaders = RequestHeaders.of(serverHeaders);
    return endpoint.handle(WebhookRequest.of("POST", "/manual", requestHeaders, body));
  }

  /** Taking over the request headers from the server's map. */
  @Benchmark
  public RequestHeaders headersOnly() {
    return RequestHeaders.of(serverHeaders);
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
