/** JMH benchmarks for portkit; see {@code docs/performance.md}. Not API. */
package io.portkit.benchmarks;
