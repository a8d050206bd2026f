/**
 * The Port API client: {@link io.portkit.client.PortClient}, its {@link
 * io.portkit.client.RetryPolicy} and {@link io.portkit.client.Sleeper} seam, and the unchecked
 * {@link io.portkit.client.PortException} hierarchy.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.client;
