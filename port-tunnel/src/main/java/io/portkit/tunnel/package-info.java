/**
 * Makes a local Port action backend reachable from Port: a {@link io.portkit.tunnel.Tunnel} with a
 * public URL in front of a local port, opened by a {@link io.portkit.tunnel.TunnelProvider}.
 *
 * <p>Two kinds exist: {@link io.portkit.tunnel.NoTunnel} for a backend that is already reachable
 * (behind an ingress or a load balancer) and {@code io.portkit.tunnel.ngrok} for a laptop. Once the
 * URL is known, {@code io.portkit.client.catalog.InvocationMethod.webhook(url)} in {@code
 * port-client} renders the {@code invocationMethod} JSON to paste into the Port action.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}. Failures are {@link
 * io.portkit.tunnel.TunnelException}s whose messages say what to do; they never contain a secret.
 */
@NullMarked
package io.portkit.tunnel;

import org.jspecify.annotations.NullMarked;
