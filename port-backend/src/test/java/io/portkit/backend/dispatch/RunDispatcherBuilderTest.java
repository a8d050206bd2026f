package io.portkit.backend.dispatch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunDispatcherBuilderTest {
  private final FakePort port = new FakePort();

  @Test
  void build_withoutClient_throwsNamingClient() {
    assertThatThrownBy(() -> RunDispatcher.builder().handle("a", (r, c) -> {}).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("client required: call client(PortClient) so handlers can report to Port");
  }

  @Test
  void build_withoutHandlers_throwsNamingTheWays() {
    assertThatThrownBy(() -> RunDispatcher.builder().contexts(port.contexts()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no handlers: call handle(actionId, handler), sync(actionId, handler) or"
                + " defaultHandler(handler)");
  }

  @Test
  void handle_sameActionTwice_throws() {
    RunDispatcher.Builder b = RunDispatcher.builder().handle("deploy", (r, c) -> {});

    assertThatThrownBy(() -> b.sync("deploy", (r, c) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action deploy already has a handler: register each action once");
  }

  @Test
  void handle_blankAction_throws() {
    assertThatThrownBy(() -> RunDispatcher.builder().handle(" ", (r, c) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("actionId is blank: pass the action's identifier");
  }

  @Test
  void limits_invalidValues_throwWithValue() {
    RunDispatcher.Builder b = RunDispatcher.builder();

    assertThatThrownBy(() -> b.maxInFlight(0)).hasMessage("maxInFlight must be positive, got 0");
    assertThatThrownBy(() -> b.runTimeout(Duration.ZERO))
        .hasMessage("runTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> b.syncTimeout(Duration.ofSeconds(-1)))
        .hasMessage("syncTimeout must be positive, got PT-1S");
    assertThatThrownBy(() -> b.shutdownGrace(Duration.ofSeconds(-1)))
        .hasMessage("shutdownGrace is negative: PT-1S");
    assertThatThrownBy(() -> b.rememberRuns(0, Duration.ofMinutes(1)))
        .hasMessage("maxRuns must be positive, got 0");
  }
}
