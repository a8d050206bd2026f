/**
 * The framework-neutral webhook core: {@link io.portkit.webhook.http.WebhookEndpoint} maps a {@link
 * io.portkit.webhook.http.WebhookRequest} to a {@link io.portkit.webhook.http.WebhookResponse} with
 * no server types, and hands each verified run to an {@link
 * io.portkit.backend.dispatch.InvocationDispatcher} of port-backend, mapping its outcome to HTTP.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.webhook.http;

import org.jspecify.annotations.NullMarked;
