/**
 * Mounts the portkit webhook core in any {@code jakarta.servlet} 6 container (Jetty, Tomcat, Spring
 * Boot) through {@link io.portkit.webhook.servlet.PortWebhookServlet}.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.webhook.servlet;

import org.jspecify.annotations.NullMarked;
