package io.portkit.spring.boot;

import io.portkit.client.auth.ClientCredentials;
import java.net.URI;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where Port is and how to authenticate to it. By default read from {@link PortkitProperties};
 * declare a bean of this type to point the backend elsewhere, as {@code port-spring-boot-test}'s
 * {@code @AutoConfigurePortEmulator} does with the emulator. Implementations must not print the
 * secret.
 */
public interface PortConnectionDetails extends ConnectionDetails {
  /** Returns Port's API base URL. */
  URI apiUrl();

  /** Returns the client id and secret; the secret also verifies webhooks and Kafka messages. */
  ClientCredentials credentials();
}
