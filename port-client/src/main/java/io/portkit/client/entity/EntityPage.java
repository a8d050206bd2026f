package io.portkit.client.entity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a blueprint search.
 *
 * @param entities the entities of this page, as Port returned them (fields as included)
 * @param next the value to pass as {@link EntitySearch#from} for the next page, or null on the last
 */
public record EntityPage(List<Entity> entities, @Nullable String next) {
  /** Copies the list. */
  public EntityPage {
    entities = List.copyOf(Objects.requireNonNull(entities, "entities == null"));
  }

  /** Returns the next page's cursor, empty on the last page. */
  public Optional<String> nextPage() {
    return Optional.ofNullable(next);
  }
}
