package io.portkit.spring.boot.test;

import io.portkit.client.auth.ClientCredentials;
import io.portkit.spring.boot.PortConnectionDetails;
import io.portkit.testkit.PortEmulator;
import java.net.URI;
import java.util.Objects;

/** {@link PortConnectionDetails} of a running {@link PortEmulator}: its URL and credentials. */
public final class PortEmulatorConnectionDetails implements PortConnectionDetails {
  private final PortEmulator emulator;

  /** Points at {@code emulator}. */
  public PortEmulatorConnectionDetails(PortEmulator emulator) {
    this.emulator = Objects.requireNonNull(emulator, "emulator == null");
  }

  @Override
  public URI apiUrl() {
    return emulator.baseUri();
  }

  @Override
  public ClientCredentials credentials() {
    return emulator.credentials();
  }

  @Override
  public String toString() {
    return "PortEmulatorConnectionDetails[" + emulator.baseUri() + "]";
  }
}
