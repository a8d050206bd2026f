/**
 * Runs action-run handlers for verified webhooks: {@link io.portkit.webhook.dispatch.RunDispatcher}
 * routes each {@link io.portkit.webhook.RunInvocation} by action identifier to a {@link
 * io.portkit.webhook.dispatch.RunHandler}, reports the outcome to Port (asynchronous actions) or
 * answers with it (synchronized actions), bounds the runs in flight, drops duplicate deliveries,
 * shuts down without leaving a run in progress and, with a {@link
 * io.portkit.webhook.journal.RunJournal}, ends the runs a crash left unfinished.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.webhook.dispatch;
