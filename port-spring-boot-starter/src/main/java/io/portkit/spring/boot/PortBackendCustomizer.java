package io.portkit.spring.boot;

import io.portkit.backend.PortBackend;

/**
 * Changes the backend's builder before it is built: more handlers, a default handler, listeners,
 * dispatcher settings. Beans of this type are applied in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * PortBackendCustomizer fallback() {
 *   return builder -> builder.defaultHandler((run, ctx) -> ctx.fail("not supported here"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PortBackendCustomizer {
  /** Customizes {@code builder}. */
  void customize(PortBackend.Builder builder);
}
