package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortEmulatorExtensionTest {
  @RegisterExtension
  static PortEmulatorExtension port = PortEmulatorExtension.perClass(builder -> builder.seed(11));

  private static PortEmulator first;

  @Test
  @Order(1)
  void extension_resolvesRunningEmulatorParameter(PortEmulator emulator) {
    first = emulator;
    Http.catalog(emulator);
    emulator.createRun("deploy", Http.MAPPER.createObjectNode());

    assertThat(emulator).isSameAs(port.emulator());
    assertThat(new Http(emulator).tokenResponse().statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void extension_perClass_sharesEmulatorResetBetweenTests(PortEmulator emulator) {
    assertThat(emulator).isSameAs(first);
    assertThat(emulator.runs()).isEmpty();
    assertThat(emulator.requests()).isEmpty();
  }
}
