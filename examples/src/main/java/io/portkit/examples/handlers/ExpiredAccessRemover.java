package io.portkit.examples.handlers;

import static java.util.Objects.requireNonNull;

import io.portkit.client.PortException;
import io.portkit.client.entity.EntitiesApi;
import io.portkit.examples.allowlist.AllowlistEntry;
import io.portkit.examples.allowlist.TemporaryAccess;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the {@code temporary_access} entity of each allowlist entry that expired, so Port's
 * catalog matches the allowlist; the callback of {@link
 * io.portkit.examples.allowlist.AllowlistExpiryScheduler}. A failed delete is logged and the others
 * go on. Thread-safe.
 */
public final class ExpiredAccessRemover implements Consumer<List<AllowlistEntry>> {
  private static final Logger log = LoggerFactory.getLogger(ExpiredAccessRemover.class);

  private final EntitiesApi entities;

  /** Creates a remover deleting through {@code entities}. */
  public ExpiredAccessRemover(EntitiesApi entities) {
    this.entities = requireNonNull(entities, "entities == null");
  }

  @Override
  public void accept(List<AllowlistEntry> expired) {
    for (AllowlistEntry entry : expired) {
      try {
        entities.delete(TemporaryAccess.BLUEPRINT, entry.identifier());
        log.info("access for {} expired; entity {} deleted", entry.range(), entry.identifier());
      } catch (PortException e) {
        log.warn(
            "access for {} expired but entity {} could not be deleted: {}",
            entry.range(),
            entry.identifier(),
            e.getMessage());
      }
    }
  }
}
