package io.portkit.examples.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CLI's standard error, where its logging binding (slf4j-simple) writes: buffered, and written
 * out every {@value #FLUSH_MILLIS} ms, when 64 KiB are waiting, and when the CLI ends. slf4j-simple
 * flushes after every line, which under load made each webhook's log line a system call of its own,
 * taken under the binding's global lock; here a line is a copy into memory and the calls are
 * batched, so the per-delivery line costs little and still shows within a tenth of a second (issue
 * #12, docs/performance.md).
 *
 * <p>Thread-safe. {@link #install()} is for the CLI's {@code main} only; tests pass their own
 * streams.
 */
public final class LazyFlushStream extends OutputStream {
  /** How often buffered lines are written out. */
  static final long FLUSH_MILLIS = 100;

  private static final int CAPACITY = 64 * 1024;

  private final OutputStream out;
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] buffer = new byte[CAPACITY];
  private int used; // guarded by lock

  LazyFlushStream(OutputStream out) {
    this.out = out;
  }

  /**
   * Replaces {@code System.err} with a lazily flushed one and starts its flusher; returns the
   * stream, to {@link #flushNow()} before the process exits.
   */
  public static LazyFlushStream install() {
    LazyFlushStream stream = new LazyFlushStream(new FileOutputStream(FileDescriptor.err));
    System.setErr(new PrintStream(stream, true, StandardCharsets.UTF_8));
    ScheduledExecutorService flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "portkit-stderr-flush");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(
        stream::flushNow, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    return stream;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      if (len > CAPACITY - used) {
        drain();
        if (len > CAPACITY) {
          out.write(b, off, len);
          return;
        }
      }
      System.arraycopy(b, off, buffer, used, len);
      used += len;
    } finally {
      lock.unlock();
    }
  }

  /** A caller's flush (slf4j-simple's, after each line) only marks the data due: see the class. */
  @Override
  public void flush() {
    // Written by the flusher within FLUSH_MILLIS, or by flushNow() at exit.
  }

  /** Writes out everything buffered now. */
  public void flushNow() {
    lock.lock();
    try {
      drain();
    } catch (IOException e) {
      used = 0; // standard error is gone (closed pipe): nothing left to tell anyone
    } finally {
      lock.unlock();
    }
  }

  private void drain() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      out.flush();
      used = 0;
    }
  }

  @Override
  public void close() {
    flushNow();
  }
}
