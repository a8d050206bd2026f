/**
 * Blueprint and action definitions: {@link io.portkit.client.catalog.Blueprint}, {@link
 * io.portkit.client.catalog.Action} and {@link io.portkit.client.catalog.CatalogApi}.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client.catalog;

import org.jspecify.annotations.NullMarked;
