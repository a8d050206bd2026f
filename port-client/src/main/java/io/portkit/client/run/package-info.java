/**
 * Action runs: the {@link io.portkit.client.run.ActionRun} model, {@link
 * io.portkit.client.run.RunsApi}, and the run-scoped reporter {@link
 * io.portkit.client.run.RunContext} that webhook handlers receive.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.client.run;
