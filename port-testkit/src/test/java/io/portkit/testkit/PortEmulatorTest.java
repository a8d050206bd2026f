package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortEmulatorTest {
  private final PortEmulator port = PortEmulator.start();

  @AfterEach
  void close() {
    port.close();
  }

  @Test
  void awaitFinalStatus_runFinishedFromAnotherThread_returnsFinishedRun() throws Exception {
    Http.catalog(port);
    String id = port.createRun("deploy", Http.MAPPER.createObjectNode()).id();
    Http http = new Http(port);

    CompletableFuture<EmulatedRun> awaited =
        CompletableFuture.supplyAsync(() -> port.awaitFinalStatus(id, Duration.ofSeconds(10)));
    http.call("PATCH", "/v1/actions/runs/" + id, "{\"status\":\"SUCCESS\"}");

    assertThat(awaited.get(10, TimeUnit.SECONDS).status()).isEqualTo("SUCCESS");
    assertThat(port.awaitRun(id, "SUCCESS", Duration.ZERO).endedAt()).isNotNull();
  }

  @Test
  void awaitRun_timeout_throwsAssertionErrorWithLastState() {
    assertThatThrownBy(() -> port.awaitRun("r_none", "SUCCESS", Duration.ofMillis(10)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "run r_none did not reach status SUCCESS within PT0.01S; last state: no such run");
  }

  @Test
  void awaitRun_unknownStatus_throws() {
    assertThatThrownBy(() -> port.awaitRun("r_x", "DONE", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown run status \"DONE\"; expected one of ");
  }

  @Test
  void createRun_unknownAction_throwsNamingIt() {
    assertThatThrownBy(() -> port.createRun("nope", Http.MAPPER.createObjectNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Action with identifier \"nope\" was not found (not_found)");
  }

  @Test
  void toString_neverShowsSecret() {
    assertThat(port.toString()).doesNotContain(port.clientSecret()).contains(port.clientId());
  }

  @Test
  void close_twice_isIdempotent() {
    port.close();
    port.close();
    assertThat(port.run("r_x")).isEmpty();
  }
}
