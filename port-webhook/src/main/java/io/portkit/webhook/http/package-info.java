/**
 * The framework-neutral webhook core: {@link io.portkit.webhook.http.WebhookEndpoint} maps a {@link
 * io.portkit.webhook.http.WebhookRequest} to a {@link io.portkit.webhook.http.WebhookResponse} with
 * no server types, and hands each verified run to an {@link
 * io.portkit.backend.dispatch.InvocationDispatcher} of port-backend, mapping its outcome to HTTP.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.webhook.http;
