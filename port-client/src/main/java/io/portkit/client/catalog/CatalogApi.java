package io.portkit.client.catalog;

/**
 * Reads blueprint and action definitions.
 *
 * <p>Implementations are thread-safe. Methods throw {@link io.portkit.client.PortApiException} for
 * a non-2xx answer (404 when the identifier does not exist) and {@link
 * io.portkit.client.PortTransportException} when Port could not be reached.
 */
public interface CatalogApi {
  /** Returns the blueprint {@code identifier} ({@code GET /v1/blueprints/{id}}). */
  Blueprint blueprint(String identifier);

  /** Returns the action {@code identifier} ({@code GET /v1/actions/{id}}). */
  Action action(String identifier);
}
