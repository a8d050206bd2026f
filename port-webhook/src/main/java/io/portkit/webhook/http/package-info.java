/**
 * The framework-neutral webhook core: {@link io.portkit.webhook.http.WebhookEndpoint} maps a {@link
 * io.portkit.webhook.http.WebhookRequest} to a {@link io.portkit.webhook.http.WebhookResponse} with
 * no server types, and hands each verified run to an {@link
 * io.portkit.webhook.http.InvocationDispatcher}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.webhook.http;
