package io.portkit.backend.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portkit.client.run.ActionRun;
import org.junit.jupiter.api.Test;

class RunInvocationFromRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Inputs(String ip, Integer durationMinutes) {}

  @Test
  void fromRun_runReadFromTheApi_carriesIdActionEntityInputsAndDetails() throws Exception {
    ActionRun run =
        ActionRun.fromJson(
            JSON.readTree(
                "{\"id\":\"r_1\",\"status\":\"IN_PROGRESS\",\"action\":{\"identifier\":\"grant\"},"
                    + "\"blueprint\":{\"identifier\":\"service\"},\"entity\":{\"identifier\":\"payments\"},"
                    + "\"properties\":{\"ip\":\"203.0.113.7\",\"duration_minutes\":30}}"));

    RunInvocation invocation = RunInvocation.fromRun(run);

    assertThat(invocation.runId()).isEqualTo("r_1");
    assertThat(invocation.format()).isEqualTo(RunInvocation.BodyFormat.API);
    assertThat(invocation.actionIdentifier()).contains("grant");
    assertThat(invocation.blueprint()).contains("service");
    assertThat(invocation.entityIdentifier()).contains("payments");
    assertThat(invocation.inputs(Inputs.class)).isEqualTo(new Inputs("203.0.113.7", 30));
    assertThat(invocation.details()).isEqualTo(run.raw());
    assertThat(invocation.headers().names()).isEmpty();
  }

  @Test
  void fromRun_noPropertiesNoEntity_emptyInputsAndAbsentEntity() throws Exception {
    RunInvocation invocation =
        RunInvocation.fromRun(
            ActionRun.fromJson(JSON.readTree("{\"id\":\"r_2\",\"status\":\"IN_PROGRESS\"}")));

    assertThat(invocation.inputs().isEmpty()).isTrue();
    assertThat(invocation.entityIdentifier()).isEmpty();
    assertThat(invocation.actionIdentifier()).isEmpty();
  }
}
