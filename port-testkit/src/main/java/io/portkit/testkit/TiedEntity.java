package io.portkit.testkit;

import java.util.Objects;

/**
 * An entity write tied to a run with {@code run_id} (Port's "Affected Entities").
 *
 * @param blueprint the entity's blueprint identifier
 * @param identifier the entity identifier
 * @param operation {@code CREATE}, {@code UPDATE} or {@code DELETE}
 */
public record TiedEntity(String blueprint, String identifier, String operation) {
  /** Validates the components. */
  public TiedEntity {
    Objects.requireNonNull(blueprint, "blueprint == null");
    Objects.requireNonNull(identifier, "identifier == null");
    Objects.requireNonNull(operation, "operation == null");
  }
}
