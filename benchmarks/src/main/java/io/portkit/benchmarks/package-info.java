/** JMH benchmarks for portkit; see {@code docs/performance.md}. Not API. */
@NullMarked
package io.portkit.benchmarks;

import org.jspecify.annotations.NullMarked;
