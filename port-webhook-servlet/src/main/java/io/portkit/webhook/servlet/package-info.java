/**
 * Mounts the portkit webhook core in any {@code jakarta.servlet} 6 container (Jetty, Tomcat, Spring
 * Boot) through {@link io.portkit.webhook.servlet.PortWebhookServlet}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.webhook.servlet;
