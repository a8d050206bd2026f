/**
 * {@link io.portkit.webhook.server.WebhookReceiver}: the webhook core hosted on the JDK's built-in
 * HTTP server, with no further dependencies.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.webhook.server;

import org.jspecify.annotations.NullMarked;
