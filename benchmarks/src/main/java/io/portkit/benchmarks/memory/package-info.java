/**
 * Memory benchmark: heap used with thousands of runs in flight and their handlers waiting. See
 * {@code docs/performance.md}. Not API.
 */
@NullMarked
package io.portkit.benchmarks.memory;

import org.jspecify.annotations.NullMarked;
