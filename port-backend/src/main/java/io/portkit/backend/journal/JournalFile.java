package io.portkit.backend.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's append-only file with group commit: {@link #append} only queues a line in memory,
 * in order; a caller that needs its line on disk calls {@link #sync(long)}, where one thread at a
 * time writes every queued line and forces the file once, so lines queued by other threads
 * meanwhile share the next force. (Writing in the syncing thread, rather than in {@code append},
 * matters: file systems block writes to a file while it is being forced.) Rewrites go to a
 * temporary file that atomically replaces the old one. After a failed write the file refuses all
 * further use, since lines of other callers may be lost. Thread-safe: one thread at a time holds
 * the {@code forcing} turn (guarded by {@code turn}); {@code state} guards the queue and channel
 * and is never held while waiting for the turn. Both are {@code java.util.concurrent} locks, not
 * monitors: callers wait here on virtual threads (Java 21 to 23 pin a carrier thread for a monitor
 * held across a wait or a write).
 */
final class JournalFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalFile.class);

  static final String FILE_NAME = "runs.journal";
  static final String LOCK_NAME = "runs.journal.lock";

  private final Path dir;
  private final Path file;
  private final boolean fsync;
  private final JournalChannels channels;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ReentrantLock state = new ReentrantLock(); // the queue, channel and sizes
  private final ReentrantLock turn = new ReentrantLock(); // who writes and forces next
  private final Condition turnFree = turn.newCondition();
  private final AtomicLong forces = new AtomicLong();
  private FileChannel channel; // guarded by state
  private final ByteArrayOutputStream queued = new ByteArrayOutputStream(); // guarded by state
  private IOException broken; // guarded by state
  private long appended; // guarded by state: sequence number of the last line appended
  private long size; // guarded by state
  private long forced; // guarded by turn
  private boolean forcing; // guarded by turn: a thread is writing and forcing

  private JournalFile(
      Path dir, boolean fsync, JournalChannels channels, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.channels = channels;
    this.file = dir.resolve(FILE_NAME);
    this.fsync = fsync;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the directory if needed and takes the journal's lock file. */
  static JournalFile open(Path dir, boolean fsync, JournalChannels channels) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new JournalException(
          "cannot create the journal directory "
              + dir
              + " ("
              + e
              + "): check the path and its permissions",
          e);
    }
    FileChannel lockChannel = null;
    try {
      lockChannel =
          channels.open(
              dir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      return new JournalFile(dir, fsync, channels, lockChannel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(lockChannel);
      throw new JournalException(
          "the journal in "
              + dir
              + " is in use by another process or journal: give each backend"
              + " process its own journal directory",
          null);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new JournalException(
          "cannot open the journal in " + dir + " (" + e + "): check the directory is writable", e);
    }
  }

  /** Reads every whole record, oldest first, and reports what it skipped. */
  JournalReader.Result readAll(ObjectMapper mapper) {
    return JournalReader.read(file, mapper);
  }

  /** Queues {@code line} (not yet written) and returns its sequence number for {@link #sync}. */
  long append(byte[] line) {
    state.lock();
    try {
      checkUsable();
      queued.write(line, 0, line.length);
      size += line.length;
      return ++appended;
    } finally {
      state.unlock();
    }
  }

  /**
   * Returns once the line numbered {@code seq}, and every line before it, is written (and, with
   * fsync, forced to disk). A caller whose line another thread's force covered returns at once.
   */
  void sync(long seq) {
    if (!lead(seq)) {
      return;
    }
    long target = 0;
    try {
      target = writeAndForce();
    } finally {
      release(target);
    }
  }

  /** Waits until {@code seq} is forced (false) or this thread is the one to force (true). */
  private boolean lead(long seq) {
    turn.lock();
    try {
      while (forced < seq) {
        if (!forcing) {
          forcing = true;
          return true;
        }
        // Uninterruptibly: the line must reach the disk before we answer (the flag is kept).
        turnFree.awaitUninterruptibly();
      }
      return false;
    } finally {
      turn.unlock();
    }
  }

  private void release(long target) {
    turn.lock();
    try {
      forced = Math.max(forced, target);
      forcing = false;
      turnFree.signalAll();
    } finally {
      turn.unlock();
    }
  }

  /** Writes every queued line and forces the file; returns the last sequence number written. */
  private long writeAndForce() {
    long target;
    FileChannel ch;
    byte[] batch;
    state.lock();
    try {
      checkUsable();
      target = appended;
      batch = queued.toByteArray();
      queued.reset();
      try {
        ensureOpen();
      } catch (IOException e) {
        throw fail(e, "open");
      }
      ch = channel;
    } finally {
      state.unlock();
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(batch);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (fsync) {
        ch.force(false);
        forces.incrementAndGet();
      }
    } catch (IOException e) {
      state.lock();
      try {
        throw fail(e, "write or force");
      } finally {
        state.unlock();
      }
    }
    return target;
  }

  private void checkUsable() {
    if (broken != null) {
      throw new JournalException(
          "the journal "
              + file
              + " failed earlier ("
              + broken
              + ") and refuses writes: fix the"
              + " disk and restart the backend, which recovers from the file",
          broken);
    }
  }

  private JournalException fail(IOException e, String what) {
    broken = e;
    return new JournalException(
        "cannot " + what + " the journal " + file + " (" + e + "): check free disk space", e);
  }

  /**
   * Replaces the file's content with {@code lines}, crash-safely: they go to a temporary file that
   * is forced and then atomically renamed over the journal. Callers hold the journal's state lock
   * so no record is appended meanwhile.
   */
  void rewrite(List<byte[]> lines) {
    lead(Long.MAX_VALUE); // waits for a force in progress, then keeps others out
    long target = 0;
    try {
      state.lock();
      try {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel out =
            channels.open(
                tmp,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
          long total = 0;
          for (byte[] line : lines) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
              out.write(buf);
            }
            total += line.length;
          }
          out.force(true);
          queued.reset(); // the caller's state, written above, includes every queued line
          closeQuietly(channel);
          channel = null;
          move(tmp);
          forceDirectory();
          size = total;
          ensureOpen();
          target = appended; // everything before the rewrite is in the new, forced file
        } catch (IOException e) {
          throw new JournalException(
              "cannot compact the journal " + file + " (" + e + "): check free disk space", e);
        }
      } finally {
        state.unlock();
      }
    } finally {
      release(target);
    }
  }

  /** Returns the file's size in bytes. */
  long size() {
    state.lock();
    try {
      return size;
    } finally {
      state.unlock();
    }
  }

  /** Returns how many times the file was forced to disk by {@link #sync}. */
  long forces() {
    return forces.get();
  }

  Path path() {
    return file;
  }

  @Override
  public void close() {
    try {
      sync(appended()); // lines queued by callers that have not synced yet
    } catch (JournalException e) {
      log.warn("closing the journal: {}", e.getMessage());
    } finally {
      lead(Long.MAX_VALUE);
      try {
        state.lock();
        try {
          closeChannels();
        } finally {
          state.unlock();
        }
      } finally {
        release(0);
      }
    }
  }

  private long appended() {
    state.lock();
    try {
      return broken == null ? appended : 0;
    } finally {
      state.unlock();
    }
  }

  private void closeChannels() {
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
      channel =
          channels.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
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
    try (FileChannel d = channels.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      log.debug(
          "cannot force directory {} ({}); the rename relies on the file system",
          dir,
          e.toString());
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
