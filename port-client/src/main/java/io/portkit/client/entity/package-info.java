/**
 * Catalog entities: the {@link io.portkit.client.entity.Entity} model and {@link
 * io.portkit.client.entity.EntitiesApi}.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client.entity;

import org.jspecify.annotations.NullMarked;
