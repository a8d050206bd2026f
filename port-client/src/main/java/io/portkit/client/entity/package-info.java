/**
 * Catalog entities: the {@link io.portkit.client.entity.Entity} model and {@link
 * io.portkit.client.entity.EntitiesApi}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.client.entity;
