package io.portkit.backend.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk for the journal's fault tests: real files, but writes fail as on a full disk once {@link
 * #fill(long)}'s budget is spent (a write that does not fit is written in part, then fails, as the
 * kernel does), and {@link #readOnly()} fails opens for writing and every write as a read-only
 * mount does. The journal sees exactly the exceptions the JDK throws in those cases.
 */
public final class FaultyDisk implements JournalChannels {
  private static final long UNLIMITED = Long.MAX_VALUE;
  private final AtomicLong free = new AtomicLong(UNLIMITED);
  private volatile boolean readOnly;

  /** Opens the journal in {@code dir} on {@code disk}. */
  public static RunJournal open(Path dir, FaultyDisk disk) {
    return RunJournal.builder(dir).channels(disk).open();
  }

  /** Leaves {@code bytes} free: writes past them fail with "No space left on device". */
  public void fill(long bytes) {
    free.set(bytes);
  }

  /** Makes the directory read-only from now on. */
  public void readOnly() {
    readOnly = true;
  }

  @Override
  public FileChannel open(Path path, OpenOption... options) throws IOException {
    boolean writes =
        Set.of(options).contains(StandardOpenOption.WRITE)
            || Set.of(options).contains(StandardOpenOption.CREATE);
    if (readOnly && writes) {
      throw new AccessDeniedException(path.toString(), null, "Read-only file system");
    }
    return new Limited(FileChannel.open(path, options));
  }

  private final class Limited extends FileChannel {
    private final FileChannel real;

    Limited(FileChannel real) {
      this.real = real;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (readOnly) {
        throw new IOException("Read-only file system");
      }
      long budget = free.get();
      if (budget == UNLIMITED || src.remaining() <= budget) {
        int n = real.write(src);
        if (budget != UNLIMITED) {
          free.addAndGet(-n);
        }
        return n;
      }
      if (budget > 0) {
        ByteBuffer part = src.slice();
        part.limit((int) budget);
        real.write(part);
        src.position(src.position() + (int) budget);
        free.set(0);
      }
      throw new IOException("No space left on device");
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long n = 0;
      for (int i = offset; i < offset + length; i++) {
        n += write(srcs[i]);
      }
      return n;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      throw new UnsupportedOperationException("the journal appends");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (readOnly) {
        throw new IOException("Read-only file system");
      }
      real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      throw new UnsupportedOperationException("the journal appends");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new UnsupportedOperationException("the journal does not map");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }
}
