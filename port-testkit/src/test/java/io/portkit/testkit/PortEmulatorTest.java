package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.client.auth.ClientCredentials;
import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.InvocationMethod;
import io.portkit.client.run.RunStatus;
import java.net.URI;
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

    assertThat(awaited.get(10, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(port.awaitRun(id, RunStatus.SUCCESS, Duration.ZERO).endedAt()).isNotNull();
  }

  @Test
  void createRun_unknownAction_throwsNamingIt() {
    assertThatThrownBy(() -> port.createRun("nope", Http.MAPPER.createObjectNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Action with identifier \"nope\" was not found (not_found)");
  }

  @Test
  void credentials_areTheRegisteredPair() {
    try (PortEmulator fixed =
        PortEmulator.builder()
            .credentials(new ClientCredentials("emulator-fixed-id", "very-secret-value"))
            .start()) {
      assertThat(fixed.credentials())
          .isEqualTo(new ClientCredentials("emulator-fixed-id", "very-secret-value"));
      assertThat(fixed.clientId()).isEqualTo("emulator-fixed-id");
    }
    assertThat(port.credentials().clientId()).isEqualTo(port.clientId());
    assertThat(port.credentials().clientSecret()).isEqualTo(port.clientSecret());
  }

  @Test
  void defineAction_builtInCode_storedAsPortJsonWithStamps() {
    port.defineBlueprint("{\"identifier\":\"service\",\"title\":\"Service\"}");

    Action stored =
        port.defineAction(
            Action.builder("deploy")
                .blueprint("service")
                .userInput("env", "string")
                .invocationMethod(
                    InvocationMethod.webhook(URI.create("http://127.0.0.1:9/")).synchronous(true))
                .build());

    assertThat(stored.identifier()).isEqualTo("deploy");
    assertThat(stored.operation()).isEqualTo("DAY-2");
    assertThat(stored.invocationMethod().synchronous()).isTrue();
    assertThat(stored.raw().path("createdBy").asText()).isEqualTo(port.clientId());
    assertThat(port.createRun("deploy", Http.MAPPER.createObjectNode()).status())
        .isEqualTo(RunStatus.IN_PROGRESS);
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
