/**
 * Invoking webhooks like Port: {@link io.portkit.testkit.invoke.WebhookSender} sends signed
 * requests, {@link io.portkit.testkit.invoke.OutgoingWebhook} describes one (including deliberately
 * bad ones: wrong secret, stale timestamp, agent-style body), and {@link
 * io.portkit.testkit.invoke.TriggerTemplate} renders an action's jq templates.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
@NullMarked
package io.portkit.testkit.invoke;

import org.jspecify.annotations.NullMarked;
