package io.portkit.client.internal;

import io.portkit.client.catalog.Action;
import io.portkit.client.catalog.Blueprint;
import io.portkit.client.catalog.CatalogApi;
import java.util.Objects;

/** {@link CatalogApi} over {@link PortApi}. Thread-safe. */
public final class HttpCatalogApi implements CatalogApi {
  private final PortApi api;

  /** Creates the API. */
  public HttpCatalogApi(PortApi api) {
    this.api = Objects.requireNonNull(api, "api == null");
  }

  @Override
  public Blueprint blueprint(String identifier) {
    String path = "/v1/blueprints/" + Paths.segment(identifier, "identifier");
    return Blueprint.fromJson(api.send(ApiCall.get(path, "")).path("blueprint"));
  }

  @Override
  public Action action(String identifier) {
    String path = "/v1/actions/" + Paths.segment(identifier, "identifier");
    return Action.fromJson(api.send(ApiCall.get(path, "")).path("action"));
  }
}
