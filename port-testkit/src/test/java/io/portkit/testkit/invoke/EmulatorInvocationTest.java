package io.portkit.testkit.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.SignatureVerifier;
import io.portkit.client.catalog.Action;
import io.portkit.client.run.RunStatus;
import io.portkit.testkit.EmulatedRun;
import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.WebhookDelivery;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmulatorInvocationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Receiver receiver = new Receiver();
  private final PortEmulator port =
      PortEmulator.builder().seed(11).orgSecret("api_key", "k-123").start();

  @AfterEach
  void close() {
    port.close();
    receiver.close();
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private void defineAction(String id, boolean sync, String url, String extra) {
    // Raw JSON: the tests vary fields (agent, method, headers, body) the builder leaves to
    // InvocationMethod.
    port.defineAction(
        Action.fromJson(
            "{\"identifier\":\""
                + id
                + "\",\"title\":\"Deploy\",\"trigger\":{\"type\":\"self-service\","
                + "\"operation\":\"DAY-2\",\"blueprintIdentifier\":\"service\"},\"invocationMethod\":{\"type\":\"WEBHOOK\","
                + "\"url\":\""
                + url
                + "\",\"synchronized\":"
                + sync
                + extra
                + "}}"));
  }

  private void catalog(boolean sync, String extra) {
    port.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");
    defineAction("deploy", sync, receiver.uri("/hook").toString(), extra);
  }

  private static ObjectNode inputs() {
    return MAPPER.createObjectNode().put("env", "prod");
  }

  @Test
  void trigger_bodyTemplate_rendersBodyHeadersAndUrlAndSigns() {
    catalog(
        false,
        ",\"method\":\"PUT\",\"headers\":{\"RUN_ID\":\"{{ .run.id }}\",\"X-Key\":\"{{ .secrets.api_key }}\","
            + "\"X-Drop\":\"{{ .event }}\"},\"body\":{\"{{ spreadValue() }}\":\"{{ .inputs }}\","
            + "\"port_context\":{\"runId\":\"{{ .run.id }}\"},\"{{ .event }}\":\"dropped\","
            + "\"who\":\"{{ .trigger.by.user.email }} via {{ .trigger.origin }}\",\"op\":\"{{ .trigger.operation }}\"}");
    EmulatedRun run = port.trigger("deploy", inputs());
    Receiver.Received request = receiver.next();

    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.path()).isEqualTo("/hook");
    assertThat(json(request.bodyText()))
        .isEqualTo(
            json(
                "{\"env\":\"prod\",\"port_context\":{\"runId\":\""
                    + run.id()
                    + "\"},\"who\":\"emulator@portkit.invalid via UI\",\"op\":\"DAY-2\"}"));
    assertThat(request.header("RUN_ID")).isEqualTo(run.id());
    assertThat(request.header("X-Key")).isEqualTo("k-123");
    assertThat(request.header("X-Drop")).isNull();
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    SignatureVerifier verifier =
        SignatureVerifier.builder().addSecret(port.clientSecret()).agentBodyFallback(false).build();
    verifier.verify(
        RequestHeaders.of(request.headers()),
        request.body()); // throws unless signed over the raw bytes
  }

  @Test
  void trigger_bodyWithNumbersAndUnicode_sendsTheBytesJsonStringifyWrites() throws Exception {
    // Port's express sample verifies HMAC(secret, ts + "." + JSON.stringify(req.body)): that
    // matches only when the bytes sent are already JSON.stringify's form.
    catalog(
        false,
        ",\"body\":{\"n\":\"{{ .inputs.n }}\",\"big\":\"{{ .inputs.big }}\","
            + "\"t\":\"{{ .inputs.t }}\",\"10\":\"{{ .inputs.ten }}\"}");
    ObjectNode inputs = MAPPER.createObjectNode().put("n", 1.0).put("big", 1e21);
    inputs.put("t", "é\u2028\"x\u0001").put("ten", 10);
    port.trigger("deploy", inputs);
    Receiver.Received request = receiver.next();

    assertThat(request.bodyText())
        .isEqualTo("{\"10\":10,\"n\":1,\"big\":1e+21,\"t\":\"é\u2028\\\"x\\u0001\"}");
    byte[] restringified = JsStringify.bytes(MAPPER.readTree(request.body()));
    assertThat(restringified).isEqualTo(request.body());
    SignatureVerifier.builder()
        .addSecret(port.clientSecret())
        .agentBodyFallback(false)
        .build()
        .verify(RequestHeaders.of(request.headers()), restringified);
  }

  @Test
  void trigger_noBody_sendsLegacyEnvelope() {
    catalog(false, "");
    port.defineBlueprint("{\"identifier\":\"other\",\"title\":\"Other\"}");
    EmulatedRun run = port.trigger("deploy", inputs());
    JsonNode body = json(receiver.next().bodyText());

    assertThat(body.get("action").asText()).isEqualTo("deploy");
    assertThat(body.get("resourceType").asText()).isEqualTo("run");
    assertThat(body.get("status").asText()).isEqualTo("TRIGGERED");
    assertThat(body.at("/context/runId").asText()).isEqualTo(run.id());
    assertThat(body.at("/context/blueprint").asText()).isEqualTo("service");
    assertThat(body.at("/trigger/origin").asText()).isEqualTo("UI");
    assertThat(body.at("/payload/properties")).isEqualTo(inputs());
    assertThat(body.at("/payload/action/trigger").asText()).isEqualTo("DAY-2");
    assertThat(body.at("/payload/action/invocationMethod/type").asText()).isEqualTo("WEBHOOK");
    assertThat(body.at("/payload/entity").isNull()).isTrue();
  }

  @Test
  void trigger_sync2xx_succeedsAndStoresResponse() {
    receiver.answer(200, "{\"deployed\":true}");
    catalog(true, "");
    String id = port.trigger("deploy", inputs()).id();

    EmulatedRun done = port.awaitRun(id, RunStatus.SUCCESS, Receiver.bound());

    assertThat(done.response()).isEqualTo(json("{\"deployed\":true}"));
    assertThat(done.deliveries())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo(200);
              assertThat(d.url()).isEqualTo(receiver.uri("/hook").toString());
              assertThat(d.error()).isNull();
            });
    assertThat(done.payload().at("/synchronized").asBoolean()).isTrue();
  }

  @Test
  void trigger_sync500_failsWithTextResponseStored() {
    receiver.answer(500, "database down");
    catalog(true, "");
    String id = port.trigger("deploy", inputs()).id();

    EmulatedRun done = port.awaitRun(id, RunStatus.FAILURE, Receiver.bound());

    assertThat(done.response().asText()).isEqualTo("database down");
    assertThat(done.summary())
        .isEqualTo("Failed to invoke the webhook with status code: 500. Response: database down");
  }

  @Test
  void trigger_async2xx_staysInProgress() {
    receiver.answer(202, "");
    catalog(false, "");
    String id = port.trigger("deploy", inputs()).id();

    EmulatedRun delivered = port.awaitDelivery(id, Receiver.bound());

    assertThat(delivered.status()).isEqualTo(RunStatus.IN_PROGRESS);
    assertThat(delivered.deliveries().get(0).status()).isEqualTo(202);
    assertThat(delivered.response()).isNull();
  }

  @Test
  void trigger_async4xx_failsWithSummary() {
    receiver.answer(403, "{\"error\":\"bad signature\"}");
    catalog(false, "");
    String id = port.trigger("deploy", inputs()).id();

    EmulatedRun done = port.awaitRun(id, RunStatus.FAILURE, Receiver.bound());

    assertThat(done.summary())
        .isEqualTo(
            "Failed to invoke the webhook with status code: 403. Response: {\"error\":\"bad signature\"}");
    assertThat(done.response()).isNull();
  }

  @Test
  void trigger_unreachableUrl_fails() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    port.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");
    defineAction("deploy", false, "http://127.0.0.1:" + closed + "/hook", "");
    String id = port.trigger("deploy", inputs()).id();

    EmulatedRun done = port.awaitRun(id, RunStatus.FAILURE, Receiver.bound());

    assertThat(done.summary())
        .isEqualTo(
            "Failed to invoke the webhook: webhook POST http://127.0.0.1:"
                + closed
                + "/hook got no answer: connection refused or unreachable (is the receiver listening on 127.0.0.1:"
                + closed
                + "?)");
    assertThat(done.deliveries()).singleElement().extracting(WebhookDelivery::status).isEqualTo(0);
  }

  @Test
  void trigger_badTemplate_failsNamingExpression() {
    catalog(false, ",\"body\":{\"x\":\"{{ .inputs[ }}\"}");
    String id = port.trigger("deploy", inputs()).id();

    EmulatedRun done = port.awaitRun(id, RunStatus.FAILURE, Receiver.bound());

    assertThat(done.summary())
        .startsWith(
            "Failed to render the webhook invocation: jq expression \".inputs[\" does not compile");
    assertThat(receiver.pending()).isZero();
  }

  @Test
  void createRunOverHttp_deliversToReceiverAndAdminViewShowsIt() throws Exception {
    receiver.answer(200, "ok");
    catalog(true, ",\"body\":{\"runId\":\"{{ .run.id }}\",\"origin\":\"{{ .trigger.origin }}\"}");
    HttpClient http = HttpClient.newHttpClient();
    String token =
        json(http.send(
                    HttpRequest.newBuilder(URI.create(port.baseUri() + "/v1/auth/access_token"))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"clientId\":\""
                                    + port.clientId()
                                    + "\",\"clientSecret\":\""
                                    + port.clientSecret()
                                    + "\"}"))
                        .header("Content-Type", "application/json")
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
            .get("accessToken")
            .asText();
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(port.baseUri() + "/v1/actions/deploy/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"properties\":{\"env\":\"prod\"}}"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String id = json(created.body()).at("/run/id").asText();

    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(json(receiver.next().bodyText()))
        .isEqualTo(json("{\"runId\":\"" + id + "\",\"origin\":\"API\"}"));
    assertThat(port.awaitRun(id, RunStatus.SUCCESS, Receiver.bound()).response().asText())
        .isEqualTo("ok");
    JsonNode admin =
        json(http.send(
                    HttpRequest.newBuilder(URI.create(port.baseUri() + "/__emulator/runs/" + id))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
            .get("run");
    assertThat(admin.at("/deliveries/0/status").asInt()).isEqualTo(200);
    assertThat(admin.at("/deliveries/0/url").asText()).isEqualTo(receiver.uri("/hook").toString());
    assertThat(admin.at("/deliveries/0/millis").isNumber()).isTrue();
    JsonNode v2 =
        json(http.send(
                    HttpRequest.newBuilder(
                            URI.create(port.baseUri() + "/v1/actions/runs/" + id + "?version=v2"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
            .get("run");
    assertThat(v2.at("/payload/body/runId").asText()).isEqualTo(id);
    assertThat(v2.get("response").asText()).isEqualTo("ok");
  }

  @Test
  void trigger_agentAction_isNotCalledDirectly() {
    catalog(false, ",\"agent\":true");
    defineAction("direct", false, receiver.uri("/direct").toString(), "");
    String agentRun = port.trigger("deploy", inputs()).id();
    String directRun = port.trigger("direct", inputs()).id();

    port.awaitDelivery(directRun, Receiver.bound());

    assertThat(receiver.next().path()).isEqualTo("/direct");
    assertThat(port.run(agentRun).orElseThrow().deliveries()).isEmpty();
    assertThat(port.run(agentRun).orElseThrow().status()).isEqualTo(RunStatus.IN_PROGRESS);
  }

  @Test
  void createRun_fromCode_neverDelivers() {
    catalog(false, "");
    String quiet = port.createRun("deploy", inputs()).id();
    String loud = port.trigger("deploy", inputs()).id();

    port.awaitDelivery(loud, Receiver.bound());

    assertThat(receiver.next().bodyText()).contains(loud).doesNotContain(quiet);
    assertThat(port.run(quiet).orElseThrow().deliveries()).isEmpty();
  }
}
