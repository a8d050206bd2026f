package io.portkit.backend.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the journal opens its files: {@link FileChannel#open(Path, OpenOption...)}, or in tests a
 * channel that fails the way a full disk or a read-only directory does. Package-private seam.
 */
@FunctionalInterface
interface JournalChannels {
  /** The file system itself. */
  JournalChannels DEFAULT = FileChannel::open;

  /** Opens {@code path} with {@code options}, as {@link FileChannel#open} does. */
  FileChannel open(Path path, OpenOption... options) throws IOException;
}
