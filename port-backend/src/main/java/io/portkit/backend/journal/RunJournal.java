package io.portkit.backend.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, append-only record of the runs a backend accepted and finished, so that after a crash
 * the runs it never finished can be found and ended (see {@code docs/handlers.md}, "Crash
 * recovery").
 *
 * <pre>{@code
 * RunJournal journal = RunJournal.open(Path.of("portkit-data/journal"));
 * RunDispatcher dispatcher = RunDispatcher.builder().client(port).journal(journal)
 *     .handle("deploy", deploy, HandlerOptions.defaults().resumable())
 *     .build();                    // ends or resumes the runs the last process left unfinished
 * }</pre>
 *
 * <p>The file ({@value JournalFile#FILE_NAME} in the directory) holds one checksummed JSON line per
 * event: ACCEPTED (run id, route, webhook body, whether it waits in the queue), STARTED (a queued
 * run's handler starts), HANDED_OFF (run id, route, the other system's id, deadline, who completes
 * it: see {@link #handOff}), FINISHED (run id, final status) or RELEASED (refused after all).
 * {@link #accept} and {@link #finish} return only once their line is on disk ({@code
 * FileChannel.force}); concurrent callers share one force (group commit). A line torn by a crash is
 * detected by its checksum and ignored. When the file passes {@code compactAt} bytes it is
 * rewritten with the live entries only (temporary file, then atomic rename), and at every open.
 * Memory is bounded: unfinished runs (bounded by the dispatcher's {@code maxInFlight} plus {@code
 * maxQueued}) plus the ids of the last {@code rememberFinished} finished runs, which make a
 * replayed delivery a duplicate even after a restart.
 *
 * <p>One process per directory: a lock file makes a second open fail. Thread-safe. The webhook
 * bodies on disk hold user inputs: give the directory the permissions your data needs.
 */
public final class RunJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunJournal.class);

  private final JournalFile file;
  private final ObjectMapper mapper = new ObjectMapper();
  private final long compactAt;
  private final int rememberFinished;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, JournalEntry> unfinished = new LinkedHashMap<>(); // guarded by lock
  private final LinkedHashMap<String, String> finished = new LinkedHashMap<>(); // guarded by lock
  private final Map<String, HandedOffRun> handedOff = new LinkedHashMap<>(); // guarded by lock
  private final List<String> skippedAtOpen;
  private long compactedSize; // guarded by lock
  private boolean closed; // guarded by lock

  RunJournal(Builder b) {
    this.compactAt = b.compactAt;
    this.rememberFinished = b.rememberFinished;
    this.file = JournalFile.open(b.dir, b.fsync, b.channels);
    try {
      JournalReader.Result read = file.readAll(mapper);
      for (JournalRecord r : read.records()) {
        apply(r);
      }
      this.skippedAtOpen = read.skipped();
      compact();
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
    log.info(
        "journal {} opened: {} unfinished run(s), {} handed off, {} finished run id(s) remembered",
        file.path(),
        unfinished.size(),
        handedOff.size(),
        finished.size());
  }

  /**
   * Opens (creating if needed) the journal in {@code dir} with the defaults.
   *
   * @throws JournalException if the directory cannot be created, read or locked
   */
  public static RunJournal open(Path dir) {
    return builder(dir).open();
  }

  /** Returns a builder for a journal in {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /**
   * Records that the run was accepted, and returns once that is on disk.
   *
   * @return false, writing nothing, if the journal already holds this run id (unfinished, or among
   *     the finished ids remembered): the delivery is a duplicate
   * @throws JournalException if the record cannot be written or forced to disk; the run is then not
   *     recorded
   */
  public boolean accept(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    long seq;
    lock.lock();
    try {
      ensureOpen();
      if (unfinished.containsKey(entry.runId())
          || handedOff.containsKey(entry.runId())
          || finished.containsKey(entry.runId())) {
        return false;
      }
      seq = file.append(JournalRecord.accepted(entry).encode(mapper));
      unfinished.put(entry.runId(), entry);
    } finally {
      lock.unlock();
    }
    file.sync(seq);
    return true;
  }

  /**
   * Records that the queued run {@code runId} (accepted with {@link JournalEntry#started()} false)
   * is starting its handler, and returns once that is on disk: from then on a restart ends it
   * "backend restarted" (or runs it again, if resumable) instead of queueing it again. Does nothing
   * for a run not unfinished here or already started.
   *
   * @throws JournalException if the record cannot be written or forced to disk
   */
  public void start(String runId) {
    Objects.requireNonNull(runId, "runId == null");
    long seq;
    lock.lock();
    try {
      ensureOpen();
      JournalEntry entry = unfinished.get(runId);
      if (entry == null || entry.started()) {
        return;
      }
      JournalRecord record = JournalRecord.started(runId);
      seq = file.append(record.encode(mapper));
      apply(record);
    } finally {
      lock.unlock();
    }
    file.sync(seq);
  }

  /**
   * Records that the run ended with {@code status} (for example {@code SUCCESS}), and returns once
   * that is on disk. Does nothing for a run that is not unfinished here, so calling it twice is
   * harmless.
   *
   * @throws JournalException if the record cannot be written or forced to disk
   */
  public void finish(String runId, String status) {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(status, "status == null");
    append(JournalRecord.finished(runId, status));
  }

  /**
   * Records that the accepted run {@code run.runId()} was handed off to another system, and returns
   * once that is on disk. From then on it is in {@link #handedOff()} instead of {@link
   * #unfinished()}, without its webhook body, until {@link #finish} records its end; a restart
   * awaits it again instead of ending it "backend restarted".
   *
   * @throws IllegalStateException if the run is not unfinished here
   * @throws JournalException if the record cannot be written or forced to disk
   */
  public void handOff(HandedOffRun run) {
    Objects.requireNonNull(run, "run == null");
    long seq;
    lock.lock();
    try {
      ensureOpen();
      if (!unfinished.containsKey(run.runId())) {
        throw new IllegalStateException(
            "run "
                + run.runId()
                + " is not unfinished in the journal: only a run taken can be"
                + " handed off");
      }
      JournalRecord record = JournalRecord.handedOff(run);
      seq = file.append(record.encode(mapper));
      apply(record);
    } finally {
      lock.unlock();
    }
    file.sync(seq);
  }

  /** Returns the runs handed off and not finished, oldest first (a snapshot). */
  public List<HandedOffRun> handedOff() {
    lock.lock();
    try {
      return List.copyOf(handedOff.values());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forgets an accepted run that was not started after all (refused), so a redelivery runs it.
   * Returns once that is on disk; does nothing for a run that is not unfinished here.
   *
   * @throws JournalException if the record cannot be written or forced to disk
   */
  public void release(String runId) {
    Objects.requireNonNull(runId, "runId == null");
    append(JournalRecord.released(runId));
  }

  /**
   * Returns whether the journal holds {@code runId}: unfinished, handed off, or among the finished
   * ids kept.
   */
  public boolean contains(String runId) {
    Objects.requireNonNull(runId, "runId == null");
    lock.lock();
    try {
      return unfinished.containsKey(runId)
          || handedOff.containsKey(runId)
          || finished.containsKey(runId);
    } finally {
      lock.unlock();
    }
  }

  /** Returns the runs accepted and not finished, oldest first (a snapshot). */
  public List<JournalEntry> unfinished() {
    lock.lock();
    try {
      return List.copyOf(unfinished.values());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns what opening had to skip: one description per damaged line (a line cut short by a
   * crash, a corrupt record), with its line number, byte range and, when still readable, the run it
   * named. Each was also logged. Empty when the file was whole.
   */
  public List<String> skippedAtOpen() {
    return skippedAtOpen;
  }

  /** Returns the journal file's path. */
  public Path path() {
    return file.path();
  }

  /** Returns the file's size in bytes now. */
  public long sizeBytes() {
    return file.size();
  }

  /** Returns how many times the file was forced to disk for accepts and finishes so far. */
  public long syncCount() {
    return file.forces();
  }

  /** Closes the file and releases the directory's lock; later writes throw. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      file.close();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "RunJournal[" + file.path() + "]";
  }

  private void append(JournalRecord record) {
    long seq;
    lock.lock();
    try {
      ensureOpen();
      boolean handOffEnds =
          record.kind() == JournalRecord.Kind.FINISHED && handedOff.containsKey(record.runId());
      if (!unfinished.containsKey(record.runId()) && !handOffEnds) {
        return;
      }
      seq = file.append(record.encode(mapper));
      apply(record);
      if (file.size() > Math.max(compactAt, 2 * compactedSize)) {
        compact(); // leaves everything appended so far forced, so the sync below is free
      }
    } finally {
      lock.unlock();
    }
    file.sync(seq);
  }

  private void apply(JournalRecord r) {
    switch (r.kind()) {
      case ACCEPTED -> {
        if (!finished.containsKey(r.runId()) && !handedOff.containsKey(r.runId())) {
          unfinished.put(r.runId(), r.entry());
        }
      }
      case HANDED_OFF -> {
        if (!finished.containsKey(r.runId())) {
          unfinished.remove(r.runId());
          handedOff.put(r.runId(), r.handOff());
        }
      }
      case FINISHED -> {
        boolean wasHandedOff = handedOff.remove(r.runId()) != null;
        if (unfinished.remove(r.runId()) != null
            || wasHandedOff
            || !finished.containsKey(r.runId())) {
          finished.put(r.runId(), r.status());
          trimFinished();
        }
      }
      case RELEASED -> unfinished.remove(r.runId());
      case STARTED -> unfinished.computeIfPresent(r.runId(), (id, e) -> e.asStarted());
    }
  }

  private void trimFinished() {
    Iterator<String> eldest = finished.keySet().iterator();
    while (finished.size() > rememberFinished) {
      eldest.next();
      eldest.remove();
    }
  }

  /** Rewrites the file with the live entries only; the caller holds the lock (or constructs). */
  private void compact() {
    List<byte[]> lines = new ArrayList<>(finished.size() + unfinished.size() + handedOff.size());
    for (Map.Entry<String, String> e : finished.entrySet()) {
      lines.add(JournalRecord.finished(e.getKey(), e.getValue()).encode(mapper));
    }
    for (JournalEntry e : unfinished.values()) {
      lines.add(JournalRecord.accepted(e).encode(mapper));
    }
    for (HandedOffRun h : handedOff.values()) {
      lines.add(JournalRecord.handedOff(h).encode(mapper));
    }
    long before = file.size();
    file.rewrite(lines);
    compactedSize = file.size();
    log.debug("journal {} compacted: {} -> {} bytes", file.path(), before, compactedSize);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the journal " + file.path() + " is closed");
    }
  }

  /** Configures and opens a {@link RunJournal}. Not thread-safe. */
  public static final class Builder {
    /** Default file size (bytes) past which the journal is compacted. */
    public static final long DEFAULT_COMPACT_AT = 8L * 1024 * 1024;

    /** Default number of finished run ids kept to refuse replays after a restart. */
    public static final int DEFAULT_REMEMBER_FINISHED = 10_000;

    final Path dir;
    boolean fsync = true;
    JournalChannels channels = JournalChannels.DEFAULT;
    long compactAt = DEFAULT_COMPACT_AT;
    int rememberFinished = DEFAULT_REMEMBER_FINISHED;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir == null");
    }

    /**
     * Sets whether writes are forced to disk before {@link RunJournal#accept} and {@link
     * RunJournal#finish} return; default true. Without it a process crash loses nothing (the OS
     * still has the bytes) but a power loss or kernel crash may lose the last records.
     */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /** Opens the journal's files through {@code channels}: fault tests only. */
    Builder channels(JournalChannels channels) {
      this.channels = Objects.requireNonNull(channels, "channels == null");
      return this;
    }

    /** Sets the file size in bytes past which the journal is compacted; default 8 MiB. */
    public Builder compactAt(long bytes) {
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
    public Builder rememberFinished(int runs) {
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
}
