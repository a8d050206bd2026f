package io.portkit.client.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunStatusTest {
  @Test
  void of_documentedValues_mapToKnownKinds() {
    assertThat(RunStatus.of("IN_PROGRESS").kind()).isEqualTo(RunStatus.Kind.IN_PROGRESS);
    assertThat(RunStatus.of("SUCCESS").kind()).isEqualTo(RunStatus.Kind.SUCCESS);
    assertThat(RunStatus.of("FAILURE").kind()).isEqualTo(RunStatus.Kind.FAILURE);
    assertThat(RunStatus.of("WAITING_FOR_APPROVAL").kind())
        .isEqualTo(RunStatus.Kind.WAITING_FOR_APPROVAL);
    assertThat(RunStatus.of("DECLINED").kind()).isEqualTo(RunStatus.Kind.DECLINED);
    assertThat(RunStatus.of("DECLINED")).isEqualTo(RunStatus.DECLINED);
  }

  @Test
  void of_newValue_isUnknownAndKeepsString() {
    RunStatus s = RunStatus.of("CANCELLED");

    assertThat(s.kind()).isEqualTo(RunStatus.Kind.UNKNOWN);
    assertThat(s.toString()).isEqualTo("CANCELLED");
  }

  @Test
  void isTerminal_onlyForEndedRuns() {
    assertThat(RunStatus.SUCCESS.isTerminal()).isTrue();
    assertThat(RunStatus.FAILURE.isTerminal()).isTrue();
    assertThat(RunStatus.DECLINED.isTerminal()).isTrue();
    assertThat(RunStatus.IN_PROGRESS.isTerminal()).isFalse();
    assertThat(RunStatus.WAITING_FOR_APPROVAL.isTerminal()).isFalse();
  }

  @Test
  void of_blank_throws() {
    assertThatThrownBy(() -> RunStatus.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run status is blank");
  }
}
