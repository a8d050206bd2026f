package io.portkit.backend.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.backend.invocation.AutomationEvent;
import io.portkit.backend.invocation.RequestHeaders;
import io.portkit.backend.invocation.RunInvocation;
import io.portkit.backend.invocation.RunInvocationParser;
import io.portkit.backend.invocation.SecretDecryptor;
import io.portkit.backend.invocation.SecretValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SecretsAndAutomationsDispatchTest {
  private static final String SECRET = "portkit-secret-inputs-client-secret-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakePort port = new FakePort();
  private final ManualExecutor manual = new ManualExecutor();

  record Inputs(SecretValue token) {}

  private RunDispatcher.Builder builder() {
    return RunDispatcher.builder()
        .contexts(port.contexts())
        .executor(manual)
        .secrets(SecretDecryptor.ofClientSecret(SECRET));
  }

  private static RunInvocation parse(ObjectNode body) {
    return new RunInvocationParser().parse(RequestHeaders.empty(), body.toString().getBytes(UTF_8));
  }

  private static RunInvocation secretRun(String runId, String token) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("port_context").put("runId", runId).put("action", "rotate");
    body.putObject("inputs").put("token", token);
    return parse(body);
  }

  @Test
  void secretThatDoesNotDecrypt_endsRunFailure_namingInputAndReason() {
    List<String> ran = new ArrayList<>();
    RunDispatcher d =
        builder().handle("rotate", Inputs.class, (in, run, ctx) -> ran.add("ran")).build();

    String tooShort = Base64.getEncoder().encodeToString(new byte[10]);
    d.dispatch(secretRun("r_1", tooShort));
    manual.runAll();

    assertThat(ran).isEmpty();
    assertThat(port.calls)
        .singleElement()
        .asString()
        .contains("status=FAILURE", "statusLabel=invalid inputs")
        .contains("secret input 'token' was not decrypted: it is shorter than an IV")
        .doesNotContain(tooShort);
  }

  @Test
  void untypedHandler_secretAccessorThrows_endsRunFailureTheSameWay() {
    RunDispatcher d =
        builder().handle("rotate", (run, ctx) -> run.secret("token").orElseThrow()).build();

    d.dispatch(secretRun("r_2", "%%%"));
    manual.runAll();

    assertThat(port.calls)
        .singleElement()
        .asString()
        .contains(
            "statusLabel=invalid inputs",
            "secret input 'token' was not decrypted: it is not base64");
  }

  private static RunInvocation automationRun(String runId, ObjectNode event) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode ctx = body.putObject("port_context").put("runId", runId);
    ctx.put("action", "cleanup");
    ctx.putObject("trigger").put("origin", "AUTOMATION");
    body.putNull("inputs");
    body.set("event", event);
    return parse(body);
  }

  static ObjectNode entityEvent(String action, ObjectNode before, ObjectNode after) {
    ObjectNode event = JSON.createObjectNode().put("action", action).put("resourceType", "entity");
    event
        .putObject("context")
        .put("blueprintIdentifier", "env")
        .put("entityIdentifier", "e1")
        .putNull("propertyIdentifier");
    ObjectNode diff = event.putObject("diff");
    diff.set("before", before);
    diff.set("after", after);
    return event;
  }

  record EnvProperties(String ownerEmail, Integer replicas) {}

  @Test
  void automation_routedByIdentifier_handlerGetsTypedEvent_runReportedLikeAnyRun() {
    AtomicReference<AutomationEvent> seen = new AtomicReference<>();
    AtomicReference<EnvProperties> after = new AtomicReference<>();
    RunDispatcher d =
        builder()
            .automation(
                "cleanup",
                (event, run, ctx) -> {
                  seen.set(event);
                  after.set(event.diff().after(EnvProperties.class).orElseThrow());
                  ctx.log("cleaning " + event.entityIdentifier().orElseThrow());
                })
            .build();
    ObjectNode entity = JSON.createObjectNode().put("identifier", "e1");
    entity.putObject("properties").put("owner_email", "a@example.com").put("replicas", 2);

    DispatchOutcome first = d.dispatch(automationRun("r_a1", entityEvent("CREATE", null, entity)));
    DispatchOutcome again = d.dispatch(automationRun("r_a1", entityEvent("CREATE", null, entity)));
    manual.runAll();

    assertThat(first).isEqualTo(DispatchOutcome.accepted());
    assertThat(again).isEqualTo(DispatchOutcome.duplicate());
    assertThat(seen.get().kind()).isEqualTo(AutomationEvent.Kind.ENTITY_CREATED);
    assertThat(seen.get().diff().before()).isEmpty();
    assertThat(after.get()).isEqualTo(new EnvProperties("a@example.com", 2));
    assertThat(port.calls).contains("LOG r_a1 cleaning e1");
    assertThat(port.calls.get(port.calls.size() - 1)).contains("status=SUCCESS");
  }

  @Test
  void automation_bodyWithoutEvent_failsSayingHowToSendIt() {
    RunDispatcher d = builder().automation("cleanup", (event, run, ctx) -> {}).build();
    ObjectNode body = JSON.createObjectNode();
    body.putObject("port_context").put("runId", "r_a2").put("action", "cleanup");

    d.dispatch(parse(body));
    manual.runAll();

    assertThat(port.calls)
        .singleElement()
        .asString()
        .contains("status=FAILURE", "carries no event", "{{ .event }}");
  }

  @Test
  void eventKinds_classifiedFromEntityAndRunEvents() {
    ObjectNode e = JSON.createObjectNode().put("identifier", "e1");
    assertThat(kind(entityEvent("UPDATE", e, e))).isEqualTo(AutomationEvent.Kind.ENTITY_UPDATED);
    assertThat(kind(entityEvent("DELETE", e, null))).isEqualTo(AutomationEvent.Kind.ENTITY_DELETED);
    ObjectNode timer = entityEvent("UPDATE", null, e);
    ((ObjectNode) timer.get("context")).put("propertyIdentifier", "expires_at");
    AutomationEvent t = AutomationEvent.fromJson(timer);
    assertThat(t.kind()).isEqualTo(AutomationEvent.Kind.TIMER_PROPERTY_EXPIRED);
    assertThat(t.propertyIdentifier()).contains("expires_at");
    ObjectNode run = JSON.createObjectNode().put("id", "r_x").put("resourceType", "run");
    run.put("action", "UPDATE").putObject("context").put("action", "deploy");
    run.putObject("diff").set("before", JSON.createObjectNode().put("status", "IN_PROGRESS"));
    AutomationEvent r = AutomationEvent.fromJson(run);
    assertThat(r.kind()).isEqualTo(AutomationEvent.Kind.RUN_UPDATED);
    assertThat(r.actionIdentifier()).contains("deploy");
    assertThat(r.runId()).contains("r_x");
    ((ObjectNode) run.get("diff")).putNull("before");
    run.put("action", "CREATE");
    assertThat(kind(run)).isEqualTo(AutomationEvent.Kind.RUN_CREATED);
    assertThat(t.toString())
        .isEqualTo(
            "AutomationEvent[kind=TIMER_PROPERTY_EXPIRED, blueprint=env, entity=e1, property=expires_at]");
  }

  private static AutomationEvent.Kind kind(ObjectNode event) {
    return AutomationEvent.fromJson(event).kind();
  }
}
