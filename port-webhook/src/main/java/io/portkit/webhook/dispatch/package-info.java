/**
 * Runs action-run handlers for verified webhooks: {@link io.portkit.webhook.dispatch.RunDispatcher}
 * routes each {@link io.portkit.webhook.RunInvocation} by action identifier to a {@link
 * io.portkit.webhook.dispatch.RunHandler}, reports the outcome to Port (asynchronous actions) or
 * answers with it (synchronized actions), bounds the runs in flight, drops duplicate deliveries and
 * shuts down without leaving a run in progress.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.webhook.dispatch;
