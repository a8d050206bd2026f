/**
 * Port Workflows (beta) node runs: the node-run routes ({@link
 * io.portkit.client.workflow.WorkflowNodeRunsApi}), their models, and {@link
 * io.portkit.client.workflow.NodeRunContext}, the run reporter for a node run ({@code wfnr_...}),
 * with log levels and an output object.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client.workflow;

import org.jspecify.annotations.NullMarked;
