/**
 * An ngrok tunnel on {@code com.ngrok:ngrok-java}: {@link
 * io.portkit.tunnel.ngrok.NgrokTunnelProvider} opens it from {@link
 * io.portkit.tunnel.ngrok.NgrokOptions}, {@link io.portkit.tunnel.ngrok.NgrokPreflight} explains a
 * missing or mismatched native library before connecting, and every ngrok failure becomes a {@link
 * io.portkit.tunnel.TunnelException} with a hint.
 *
 * <p>Teardown closes the forwarder and then the session, from {@code close()}, from a JVM shutdown
 * hook, and when opening fails half way, so a crashed or interrupted run never leaves the free
 * plan's single agent session occupied.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}. The authtoken never appears in a log
 * line, a {@code toString} or an exception message.
 */
@NullMarked
package io.portkit.tunnel.ngrok;

import org.jspecify.annotations.NullMarked;
