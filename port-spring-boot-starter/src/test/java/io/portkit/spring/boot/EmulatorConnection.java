package io.portkit.spring.boot;

import io.portkit.client.auth.ClientCredentials;
import io.portkit.testkit.PortEmulator;
import java.net.URI;

/** The starter's connection details pointed at a {@link PortEmulator}, for a test's context. */
final class EmulatorConnection {
  private EmulatorConnection() {}

  /** Returns details naming {@code emulator}'s URL and credentials. */
  static PortConnectionDetails to(PortEmulator emulator) {
    return new PortConnectionDetails() {
      @Override
      public URI apiUrl() {
        return emulator.baseUri();
      }

      @Override
      public ClientCredentials credentials() {
        return new ClientCredentials(emulator.clientId(), emulator.clientSecret());
      }
    };
  }
}
