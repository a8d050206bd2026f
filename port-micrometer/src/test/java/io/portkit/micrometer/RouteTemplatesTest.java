package io.portkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.micrometer.internal.RouteTemplates;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  @Test
  void of_portRoutes_keepLiteralsAndNameIdentifiers() {
    assertThat(RouteTemplates.of("/v1/auth/access_token")).isEqualTo("/v1/auth/access_token");
    assertThat(RouteTemplates.of("/v1/actions/runs/r_abc")).isEqualTo("/v1/actions/runs/{run}");
    assertThat(RouteTemplates.of("/v1/actions/runs/r_abc/logs"))
        .isEqualTo("/v1/actions/runs/{run}/logs");
    assertThat(RouteTemplates.of("/v1/actions/runs")).isEqualTo("/v1/actions/runs");
    assertThat(RouteTemplates.of("/v1/actions/deploy/runs")).isEqualTo("/v1/actions/{action}/runs");
    assertThat(RouteTemplates.of("/v1/blueprints/service/entities/api"))
        .isEqualTo("/v1/blueprints/{blueprint}/entities/{entity}");
    assertThat(RouteTemplates.of("/proxy/v1/blueprints/logs"))
        .isEqualTo("/v1/blueprints/{blueprint}");
  }

  @Test
  void of_unknownSegmentsAndPaths_neverKeepTheirText() {
    assertThat(RouteTemplates.of("/v1/something/secret-ish")).isEqualTo("/v1/{id}/{id}");
    assertThat(RouteTemplates.of("/elsewhere")).isEqualTo("other");
    assertThat(RouteTemplates.of("")).isEqualTo("/");
  }
}
