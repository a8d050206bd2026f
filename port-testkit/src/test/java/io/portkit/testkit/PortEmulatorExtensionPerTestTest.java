package io.portkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortEmulatorExtensionPerTestTest {
  @RegisterExtension static PortEmulatorExtension port = PortEmulatorExtension.perTest();

  private static PortEmulator first;

  @Test
  @Order(1)
  void perTest_firstTest_getsRunningEmulator(PortEmulator emulator) {
    first = emulator;

    assertThat(new Http(emulator).tokenResponse().statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void perTest_secondTest_getsNewEmulatorAndPreviousIsClosed(PortEmulator emulator) {
    assertThat(emulator).isNotSameAs(first);
    assertThat(new Http(emulator).tokenResponse().statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> new Http(first).tokenResponse())
        .isInstanceOf(java.io.UncheckedIOException.class);
  }
}
