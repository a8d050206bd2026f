/**
 * Action runs: the {@link io.portkit.client.run.ActionRun} model, {@link
 * io.portkit.client.run.RunsApi}, and the run-scoped reporter {@link
 * io.portkit.client.run.RunContext} that webhook handlers receive.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client.run;

import org.jspecify.annotations.NullMarked;
