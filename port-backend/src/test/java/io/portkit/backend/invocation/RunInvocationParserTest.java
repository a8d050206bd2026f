package io.portkit.backend.invocation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portkit.backend.invocation.RunInvocation.BodyFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunInvocationParserTest {
  private final RunInvocationParser parser = new RunInvocationParser();

  private RunInvocation parse(String fixture) {
    return parser.parse(RequestHeaders.empty(), Fixtures.bytes("webhook/" + fixture));
  }

  @Test
  void parse_legacyEnvelope_readsContextPayloadAndTrigger() {
    RunInvocation run = parse("legacy-envelope.json");

    assertThat(run.runId()).isEqualTo("r_HardNzG6kzc9vWOQ");
    assertThat(run.format()).isEqualTo(BodyFormat.LEGACY);
    assertThat(run.actionIdentifier()).contains("action_identifier");
    assertThat(run.blueprint()).contains("kubecostCloudAllocation");
    assertThat(run.entityIdentifier()).contains("e_iQfaF14FJln6GVBn");
    assertThat(run.entity().orElseThrow().path("title").asText()).isEqualTo("myEntity");
    assertThat(run.inputs().path("replicas").asInt()).isEqualTo(3);
    assertThat(run.inputs().path("cost").decimalValue()).isEqualTo(new BigDecimal("0.10"));
    RunTrigger trigger = run.trigger().orElseThrow();
    assertThat(trigger.userEmail()).contains("executor@mail.com");
    assertThat(trigger.userId()).contains("auth0|XXXXX");
    assertThat(trigger.orgId()).contains("org_XXX");
    assertThat(trigger.origin()).contains("UI");
    assertThat(trigger.at()).contains(Instant.parse("2023-11-13T15:20:16.641Z"));
    assertThat(trigger.operation()).contains("DAY-2");
  }

  @Test
  void parse_recommendedTemplate_readsEveryField() {
    RunInvocation run = parse("recommended-template.json");

    assertThat(run.runId()).isEqualTo("r_QOz6WoOB1Q2lmhZZ");
    assertThat(run.format()).isEqualTo(BodyFormat.RECOMMENDED);
    assertThat(run.actionIdentifier()).contains("deploy_service");
    assertThat(run.blueprint()).contains("service");
    assertThat(run.entityIdentifier()).contains("payments");
    assertThat(run.entity().orElseThrow().path("properties").path("language").asText())
        .isEqualTo("java");
    assertThat(run.inputs().path("env").asText()).isEqualTo("prod");
    assertThat(run.inputs().path("ratio").decimalValue()).isEqualTo(new BigDecimal("12.50"));
    RunTrigger trigger = run.trigger().orElseThrow();
    assertThat(trigger.userEmail()).contains("dev@example.com");
    assertThat(trigger.origin()).contains("UI");
    assertThat(trigger.operation()).contains("DAY-2");
    assertThat(trigger.at()).contains(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(trigger.toString()).isEqualTo("RunTrigger[origin=UI, operation=DAY-2]");
  }

  @Test
  void parse_duplicateRunIdKey_refusedNamingTheKey() {
    // Jackson alone reads this as r_b; another parser (a proxy, an audit log) may read r_a.
    String body = "{\"port_context\":{\"runId\":\"r_a\",\"runId\":\"r_b\"}}";

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body.getBytes(UTF_8)))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("key 'runId' twice")
        .hasMessageContaining("line 1, column")
        .hasMessageNotContaining("r_b");
  }

  @Test
  void parse_duplicateKeyDeepInInputs_refused() {
    String body =
        "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"deploy\"},"
            + "\"inputs\":{\"env\":\"dev\",\"replicas\":1,\"env\":\"prod\"}}";

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body.getBytes(UTF_8)))
        .isInstanceOf(PayloadException.class)
        .hasMessageContaining("key 'env' twice");
  }

  @Test
  void parse_sameKeyInSiblingObjects_accepted() {
    String body =
        "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"a\"},"
            + "\"inputs\":{\"x\":{\"id\":1},\"y\":{\"id\":2}}}";

    assertThat(parser.parse(RequestHeaders.empty(), body.getBytes(UTF_8)).runId()).isEqualTo("r_1");
  }

  @Test
  void parse_recommendedWithoutEntity_entityEmpty() {
    String body =
        "{\"port_context\":{\"runId\":\"r_1\",\"action\":\"create\",\"entity\":null},"
            + "\"inputs\":{},\"entity\":{}}";

    RunInvocation run = parser.parse(RequestHeaders.empty(), body.getBytes(UTF_8));

    assertThat(run.entity()).isEmpty();
    assertThat(run.entityIdentifier()).isEmpty();
    assertThat(run.trigger()).isEmpty();
  }

  @Test
  void parse_minimalPortContext_spreadInputsAndNoDetails() {
    RunInvocation run = parse("minimal-port-context.json");

    assertThat(run.runId()).isEqualTo("r_Q0YotCZMKxDLdlaU");
    assertThat(run.format()).isEqualTo(BodyFormat.MINIMAL);
    assertThat(run.actionIdentifier()).isEmpty();
    assertThat(run.inputs().toString())
        .isEqualTo("{\"service_name\":\"payments\",\"env\":\"prod\"}");
  }

  @Test
  void parse_topLevelRunId_found() {
    assertThat(parse("minimal-run-id.json").runId()).isEqualTo("r_top_level");
  }

  @Test
  void parse_snakeCaseRunId_found() {
    assertThat(parse("minimal-run-id-snake.json").runId()).isEqualTo("r_snake_case");
  }

  @Test
  void parse_runIdOnlyInHeader_foundCaseInsensitively() {
    RunInvocation run =
        parser.parse(
            RequestHeaders.of("run_id", "r_from_header"), Fixtures.bytes("webhook/no-run-id.json"));

    assertThat(run.runId()).isEqualTo("r_from_header");
    assertThat(run.headers().first("RUN_ID")).contains("r_from_header");
  }

  @Test
  void parse_emptyBodyWithHeader_treatedAsEmptyObject() {
    RunInvocation run = parser.parse(RequestHeaders.of("RUN_ID", "r_h"), new byte[0]);

    assertThat(run.raw().isObject()).isTrue();
    assertThat(run.runId()).isEqualTo("r_h");
  }

  @Test
  void parse_noRunIdAnywhere_throwsListingEveryPlace() {
    assertThatThrownBy(() -> parse("no-run-id.json"))
        .isInstanceOf(PayloadException.class)
        .hasMessage(
            "no run id in the webhook; looked at body port_context.runId, body context.runId,"
                + " body runId, body run_id, header RUN_ID: add \"port_context\": {\"runId\":"
                + " \"{{ .run.id }}\"} to the action's invocationMethod.body");
  }

  @Test
  void parse_notJson_throwsWithPositionNotBody() {
    byte[] body = "{\"runId\": secret-value}".getBytes(UTF_8);

    assertThatThrownBy(() -> parser.parse(RequestHeaders.empty(), body))
        .isInstanceOf(PayloadException.class)
        .hasMessage(
            "body is not valid JSON at line 1, column 11: check the action's invocationMethod.body"
                + " template renders a JSON object");
  }

  @Test
  void parse_trailingGarbage_throws() {
    assertThatThrownBy(
            () -> parser.parse(RequestHeaders.empty(), "{\"runId\":\"r\"} x".getBytes(UTF_8)))
        .isInstanceOf(PayloadException.class);
  }

  @Test
  void details_askedTwice_loadsOnce() {
    AtomicInteger calls = new AtomicInteger();
    JsonNode run = JsonNodeFactory.instance.objectNode().put("id", "r_Q0YotCZMKxDLdlaU");
    RunInvocation invocation =
        parse("minimal-port-context.json")
            .withDetailsLoader(
                id -> {
                  calls.incrementAndGet();
                  assertThat(id).isEqualTo("r_Q0YotCZMKxDLdlaU");
                  return run;
                });

    assertThat(calls).hasValue(0);
    assertThat(invocation.details()).isSameAs(run);
    assertThat(invocation.details()).isSameAs(run);
    assertThat(calls).hasValue(1);
  }

  @Test
  void details_loaderFails_notCachedAndRetried() {
    AtomicInteger calls = new AtomicInteger();
    RunInvocation invocation =
        parse("minimal-run-id.json")
            .withDetailsLoader(
                id -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("port down");
                  }
                  return JsonNodeFactory.instance.objectNode();
                });

    assertThatThrownBy(invocation::details).hasMessage("port down");
    assertThat(invocation.details().isObject()).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void details_withoutLoader_throwsNamingTheFix() {
    assertThatThrownBy(() -> parse("minimal-run-id.json").details())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "run details need the Port API: this invocation has no RunDetailsLoader; use"
                + " withDetailsLoader(...) or receive it from the dispatcher");
  }

  @Test
  void toString_showsIdentifiersNotInputs() {
    assertThat(parse("recommended-template.json").toString())
        .isEqualTo(
            "RunInvocation[runId=r_QOz6WoOB1Q2lmhZZ, format=RECOMMENDED, action=deploy_service,"
                + " blueprint=service, entity=payments]");
  }

  @Test
  void hasRunIdShape_acceptsPortIdsAndTheAllowedPunctuationUpToTheLimit() {
    assertThat(RunInvocationParser.hasRunIdShape("r_QOz6WoOB1Q2lmhZZ")).isTrue();
    assertThat(RunInvocationParser.hasRunIdShape("a.b_c:d-e0Z9")).isTrue();
    assertThat(RunInvocationParser.hasRunIdShape("x")).isTrue();
    assertThat(RunInvocationParser.hasRunIdShape("r".repeat(RunInvocationParser.MAX_RUN_ID_LENGTH)))
        .isTrue();
  }

  @Test
  void hasRunIdShape_rejectsEmptyTooLongAndEveryOtherCharacter() {
    assertThat(RunInvocationParser.hasRunIdShape("")).isFalse();
    assertThat(
            RunInvocationParser.hasRunIdShape(
                "r".repeat(RunInvocationParser.MAX_RUN_ID_LENGTH + 1)))
        .isFalse();
    // Every printable ASCII character outside the allowed set, plus a few beyond ASCII.
    for (char c = 0x20; c < 0x7F; c++) {
      boolean allowed = Character.isLetterOrDigit(c) || ".-_:".indexOf(c) >= 0;
      assertThat(RunInvocationParser.hasRunIdShape("r_" + c))
          .as("run id with %s", c)
          .isEqualTo(allowed);
    }
    for (String s : new String[] {"r_\u00e9", "r_\u0660", "r_\n", "r_\u0000", "r_\ud83d\ude00"}) {
      assertThat(RunInvocationParser.hasRunIdShape(s)).as("run id %s", s).isFalse();
    }
  }
}
