/**
 * Blueprint and action definitions: {@link io.portkit.client.catalog.Blueprint}, {@link
 * io.portkit.client.catalog.Action} and {@link io.portkit.client.catalog.CatalogApi}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.client.catalog;
