package io.portkit.client.auth;

import java.util.Map;
import java.util.Objects;

/**
 * A Port client id and client secret, exchanged for an access token at {@code POST
 * /v1/auth/access_token}.
 *
 * <p>Immutable. {@link #toString()} masks the secret, and no portkit message or log line contains
 * it. Find the values in Port under your app's {@code ...} menu, then {@code Credentials}.
 *
 * @param clientId the client id; not blank
 * @param clientSecret the client secret; not blank, never printed
 */
public record ClientCredentials(String clientId, String clientSecret) {
  /** The environment variable {@link #fromEnv()} reads the client id from. */
  public static final String CLIENT_ID_ENV = "PORT_CLIENT_ID";

  /** The environment variable {@link #fromEnv()} reads the client secret from. */
  public static final String CLIENT_SECRET_ENV = "PORT_CLIENT_SECRET";

  /**
   * Validates both values.
   *
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if either is blank
   */
  public ClientCredentials {
    Objects.requireNonNull(clientId, "clientId == null");
    Objects.requireNonNull(clientSecret, "clientSecret == null");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId is blank: pass the Port client id");
    }
    if (clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientSecret is blank: pass the Port client secret");
    }
  }

  /**
   * Reads {@value #CLIENT_ID_ENV} and {@value #CLIENT_SECRET_ENV} from the process environment.
   *
   * @throws IllegalStateException naming every missing or blank variable
   */
  public static ClientCredentials fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * Reads {@value #CLIENT_ID_ENV} and {@value #CLIENT_SECRET_ENV} from {@code env}, for tests and
   * for configuration sources shaped like an environment.
   *
   * @throws IllegalStateException naming every missing or blank variable
   */
  public static ClientCredentials fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    String id = env.get(CLIENT_ID_ENV);
    String secret = env.get(CLIENT_SECRET_ENV);
    boolean idMissing = id == null || id.isBlank();
    boolean secretMissing = secret == null || secret.isBlank();
    if (idMissing && secretMissing) {
      throw new IllegalStateException(
          "environment variables "
              + CLIENT_ID_ENV
              + " and "
              + CLIENT_SECRET_ENV
              + " are not set: set them to the Port client id and secret");
    }
    if (idMissing || secretMissing) {
      String name = idMissing ? CLIENT_ID_ENV : CLIENT_SECRET_ENV;
      String what = idMissing ? "client id" : "client secret";
      throw new IllegalStateException(
          "environment variable " + name + " is not set: set it to the Port " + what);
    }
    return new ClientCredentials(id, secret);
  }

  /** Returns the id and a masked secret. */
  @Override
  public String toString() {
    return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
  }
}
