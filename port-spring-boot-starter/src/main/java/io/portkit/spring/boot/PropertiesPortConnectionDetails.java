package io.portkit.spring.boot;

import io.portkit.client.auth.ClientCredentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/** {@link PortConnectionDetails} from {@code portkit.*}, else {@code PORT_CLIENT_ID/SECRET}. */
final class PropertiesPortConnectionDetails implements PortConnectionDetails {
  private final URI apiUrl;
  private final ClientCredentials credentials;

  PropertiesPortConnectionDetails(PortkitProperties properties, Environment environment) {
    this.apiUrl = properties.resolvedApiUrl();
    String id =
        firstSet(properties.clientId(), environment.getProperty(ClientCredentials.CLIENT_ID_ENV));
    String secret =
        firstSet(
            properties.clientSecret(),
            environment.getProperty(ClientCredentials.CLIENT_SECRET_ENV));
    List<String> missing = new ArrayList<>();
    if (id == null) {
      missing.add(
          "portkit.client-id (environment variable " + ClientCredentials.CLIENT_ID_ENV + ")");
    }
    if (secret == null) {
      missing.add(
          "portkit.client-secret (environment variable "
              + ClientCredentials.CLIENT_SECRET_ENV
              + ")");
    }
    if (!missing.isEmpty()) {
      String variables =
          id == null && secret == null
              ? "the environment variables "
                  + ClientCredentials.CLIENT_ID_ENV
                  + " and "
                  + ClientCredentials.CLIENT_SECRET_ENV
                  + " to your Port client id and secret"
              : id == null
                  ? "the environment variable "
                      + ClientCredentials.CLIENT_ID_ENV
                      + " to your Port client id"
                  : "the environment variable "
                      + ClientCredentials.CLIENT_SECRET_ENV
                      + " to your Port client secret";
      throw new PortkitStartupException(
          "Port credentials are not set: " + String.join(" and ", missing),
          "Set "
              + variables
              + " (in Port: ... menu > Credentials), or the propert"
              + (missing.size() > 1 ? "ies portkit.client-id and portkit.client-secret" : "y named")
              + "; in tests, use @AutoConfigurePortEmulator from io.portkit:port-spring-boot-test.");
    }
    this.credentials = new ClientCredentials(id, secret);
  }

  private static @Nullable String firstSet(@Nullable String a, @Nullable String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  @Override
  public URI apiUrl() {
    return apiUrl;
  }

  @Override
  public ClientCredentials credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "PropertiesPortConnectionDetails[apiUrl=" + apiUrl + ", " + credentials + "]";
  }
}
