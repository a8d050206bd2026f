/**
 * The hand-off scenario: a local stand-in for a CI system that runs "pipelines" and calls back,
 * signed, when they end, and the handler that hands each run of {@code run_ci_pipeline} to it.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.examples.ci;

import org.jspecify.annotations.NullMarked;
