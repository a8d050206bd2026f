/**
 * Rate-limit benchmark: many runs against a PortEmulator budget far smaller than their calls. See
 * {@code docs/performance.md}, "Rate limit". Not API.
 */
@NullMarked
package io.portkit.benchmarks.ratelimit;

import org.jspecify.annotations.NullMarked;
