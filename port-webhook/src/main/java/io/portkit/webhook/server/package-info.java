/**
 * {@link io.portkit.webhook.server.WebhookReceiver}: the webhook core hosted on the JDK's built-in
 * HTTP server, with no further dependencies.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.webhook.server;
