/**
 * Memory benchmark: heap used with thousands of runs in flight and their handlers waiting. See
 * {@code docs/performance.md}. Not API.
 */
package io.portkit.benchmarks.memory;
