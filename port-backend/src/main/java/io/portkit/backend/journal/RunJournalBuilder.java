package io.portkit.backend.journal;

import java.nio.file.Path;
import java.util.Objects;

/** Configures and opens a {@link RunJournal}. Not thread-safe. */
public final class RunJournalBuilder {
  /** Default file size (bytes) past which the journal is compacted. */
  public static final long DEFAULT_COMPACT_AT = 8L * 1024 * 1024;

  /** Default number of finished run ids kept to refuse replays after a restart. */
  public static final int DEFAULT_REMEMBER_FINISHED = 10_000;

  final Path dir;
  boolean fsync = true;
  long compactAt = DEFAULT_COMPACT_AT;
  int rememberFinished = DEFAULT_REMEMBER_FINISHED;

  RunJournalBuilder(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir == null");
  }

  /**
   * Sets whether writes are forced to disk before {@link RunJournal#accept} and {@link
   * RunJournal#finish} return; default true. Without it a process crash loses nothing (the OS still
   * has the bytes) but a power loss or kernel crash may lose the last records.
   */
  public RunJournalBuilder fsync(boolean fsync) {
    this.fsync = fsync;
    return this;
  }

  /** Sets the file size in bytes past which the journal is compacted; default 8 MiB. */
  public RunJournalBuilder compactAt(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("compactAt must be positive, got " + bytes);
    }
    this.compactAt = bytes;
    return this;
  }

  /**
   * Sets how many finished run ids are kept (on disk and in memory) so a replayed delivery is
   * refused after a restart; default 10,000. Older ones are forgotten at compaction.
   */
  public RunJournalBuilder rememberFinished(int runs) {
    if (runs < 0) {
      throw new IllegalArgumentException("rememberFinished must not be negative, got " + runs);
    }
    this.rememberFinished = runs;
    return this;
  }

  /**
   * Opens the journal: creates the directory if needed, locks it, reads the file (ignoring a line
   * torn by a crash) and compacts it.
   *
   * @throws JournalException if the directory cannot be created, read, written or locked
   */
  public RunJournal open() {
    return new RunJournal(this);
  }
}
