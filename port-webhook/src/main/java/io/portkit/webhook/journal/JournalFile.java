package io.portkit.webhook.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's append-only file with group commit: appends are ordered by a write lock, and a
 * caller that needs its line on disk calls {@link #sync(long)}, where one {@code force} covers
 * every line appended before it started, so concurrent accepts share fsyncs. Rewrites go to a
 * temporary file that atomically replaces the old one. Thread-safe. Lock order: {@code forceLock}
 * before {@code this}.
 */
final class JournalFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalFile.class);

  static final String FILE_NAME = "runs.journal";
  static final String LOCK_NAME = "runs.journal.lock";

  private final Path dir;
  private final Path file;
  private final boolean fsync;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Object forceLock = new Object();
  private final AtomicLong forces = new AtomicLong();
  private FileChannel channel; // guarded by this
  private long appended; // guarded by this: sequence number of the last line appended
  private long size; // guarded by this
  private long forced; // guarded by forceLock

  private JournalFile(Path dir, boolean fsync, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.file = dir.resolve(FILE_NAME);
    this.fsync = fsync;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the directory if needed and takes the journal's lock file. */
  static JournalFile open(Path dir, boolean fsync) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new JournalException(
          "cannot create the journal directory " + dir + " (" + e + "): check the path and its permissions", e);
    }
    FileChannel lockChannel = null;
    try {
      lockChannel =
          FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      return new JournalFile(dir, fsync, lockChannel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(lockChannel);
      throw new JournalException(
          "the journal in " + dir + " is in use by another process or journal: give each backend"
              + " process its own journal directory", null);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new JournalException(
          "cannot open the journal in " + dir + " (" + e + "): check the directory is writable", e);
    }
  }

  /** Reads every intact record, oldest first; torn or corrupt lines are skipped and counted. */
  List<JournalRecord> readAll(ObjectMapper mapper) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new JournalException("cannot read the journal " + file + " (" + e + ")", e);
    }
    List<JournalRecord> records = new ArrayList<>();
    int bad = 0;
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        var record = JournalRecord.decode(bytes, start, i, mapper);
        if (record.isPresent()) {
          records.add(record.get());
        } else {
          bad++;
        }
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      log.info("journal {}: ignoring a torn last line ({} bytes) left by a crash", file, bytes.length - start);
    }
    if (bad > 0) {
      log.warn("journal {}: skipped {} corrupt line(s)", file, bad);
    }
    return records;
  }

  /** Appends {@code line} (not yet durable) and returns its sequence number for {@link #sync}. */
  synchronized long append(byte[] line) {
    try {
      ensureOpen();
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      size += line.length;
      return ++appended;
    } catch (IOException e) {
      throw new JournalException(
          "cannot append to the journal " + file + " (" + e + "): check free disk space", e);
    }
  }

  /**
   * Returns once the line numbered {@code seq}, and every line before it, is on disk. A caller
   * that finds its line already covered by another thread's force returns without one.
   */
  void sync(long seq) {
    if (!fsync) {
      return;
    }
    synchronized (forceLock) {
      if (forced >= seq) {
        return;
      }
      long target;
      FileChannel ch;
      synchronized (this) {
        target = appended;
        ch = channel;
      }
      try {
        ch.force(false);
      } catch (IOException e) {
        throw new JournalException("cannot force the journal " + file + " to disk (" + e + ")", e);
      }
      forces.incrementAndGet();
      forced = target;
    }
  }

  /**
   * Replaces the file's content with {@code lines}, crash-safely: they go to a temporary file that
   * is forced and then atomically renamed over the journal. Callers hold the journal's state lock
   * so no record is appended meanwhile.
   */
  void rewrite(List<byte[]> lines) {
    synchronized (forceLock) {
      synchronized (this) {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel out =
            FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          long total = 0;
          for (byte[] line : lines) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
              out.write(buf);
            }
            total += line.length;
          }
          out.force(true);
          closeQuietly(channel);
          channel = null;
          move(tmp);
          forceDirectory();
          size = total;
          ensureOpen();
          forced = appended; // everything before the rewrite is in the new, forced file
        } catch (IOException e) {
          throw new JournalException(
              "cannot compact the journal " + file + " (" + e + "): check free disk space", e);
        }
      }
    }
  }

  /** Returns the file's size in bytes. */
  synchronized long size() {
    return size;
  }

  /** Returns how many times the file was forced to disk by {@link #sync}. */
  long forces() {
    return forces.get();
  }

  Path path() {
    return file;
  }

  @Override
  public synchronized void close() {
    closeQuietly(channel);
    channel = null;
    try {
      lock.release();
    } catch (IOException e) {
      log.debug("releasing the journal lock failed: {}", e.toString());
    }
    closeQuietly(lockChannel);
  }

  private void ensureOpen() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      size = channel.size();
    }
  }

  private void move(Path tmp) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename durable; not every platform can open a directory, which is then skipped. */
  private void forceDirectory() {
    if (!fsync) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      log.debug("cannot force directory {} ({}); the rename relies on the file system", dir, e.toString());
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        log.debug("closing a journal channel failed: {}", e.toString());
      }
    }
  }
}
