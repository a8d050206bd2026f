/**
 * Queue benchmark: a burst of runs queued on a journal, the heap each costs and the time to drain
 * them. See {@code docs/performance.md}. Not API.
 */
@NullMarked
package io.portkit.benchmarks.queue;

import org.jspecify.annotations.NullMarked;
