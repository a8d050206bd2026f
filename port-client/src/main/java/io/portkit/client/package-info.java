/**
 * The Port API client: {@link io.portkit.client.PortClient}, its {@link
 * io.portkit.client.RetryPolicy} and {@link io.portkit.client.Sleeper} seam, and the unchecked
 * {@link io.portkit.client.PortException} hierarchy.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client;

import org.jspecify.annotations.NullMarked;
