/**
 * Micrometer meters for a portkit backend: {@link io.portkit.micrometer.PortkitMetrics}. Names and
 * tags are listed in {@code docs/observability.md}; every tag has a small, fixed set of values (no
 * run ids).
 */
@NullMarked
package io.portkit.micrometer;

import org.jspecify.annotations.NullMarked;
