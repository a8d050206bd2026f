package io.portkit.backend.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The runs of each concurrency key, for {@link RunScheduler}: the id of the run holding the key
 * (executing, next to start, or handed off) and, in arrival order, the runs waiting for it. A key
 * that nothing holds, awaits or has reserved is forgotten. Not thread-safe: the scheduler's lock
 * guards every call.
 */
final class KeyLines {
  /** One key's line. */
  static final class Line {
    /** The id of the run holding the key, or null. */
    @Nullable String owner;

    /** The runs waiting for the key, in arrival order (committed). */
    final ArrayDeque<ActiveRun> waiting = new ArrayDeque<>();

    /** Runs admitted behind the key whose acceptance is not on disk yet. */
    int reserved;

    boolean idle() {
      return owner == null && waiting.isEmpty() && reserved == 0;
    }

    /** How many runs are behind the holder: waiting or reserved. */
    int behind() {
      return waiting.size() + reserved;
    }
  }

  private final Map<String, Line> lines = new HashMap<>();

  /** Returns the line of {@code key} when a run holds or awaits it; null when the key is free. */
  @Nullable Line busy(@Nullable String key) {
    Line line = key == null ? null : lines.get(key);
    return line == null || line.idle() ? null : line;
  }

  /** Returns the line of {@code key}, which a run waiting or reserved behind it keeps. */
  Line of(String key) {
    Line line = lines.get(key);
    if (line == null) {
      throw new IllegalStateException("no line for concurrency key " + key);
    }
    return line;
  }

  /** Makes run {@code runId} hold {@code key} (nothing for a null key). */
  void own(@Nullable String key, String runId) {
    if (key != null) {
      lines.computeIfAbsent(key, k -> new Line()).owner = runId;
    }
  }

  /** Makes run {@code runId} hold {@code key} unless another run holds it already. */
  void holdIfFree(String key, String runId) {
    Line line = lines.computeIfAbsent(key, k -> new Line());
    if (line.owner == null) {
      line.owner = runId;
    }
  }

  /**
   * Gives back {@code key} if run {@code runId} holds it: the first run waiting for it holds it
   * next, and the key is forgotten if nothing is left.
   *
   * @return the run that now holds the key, which may start once it has a slot; null if none
   */
  @Nullable ActiveRun release(String key, String runId) {
    Line line = lines.get(key);
    if (line == null || !runId.equals(line.owner)) {
      return null;
    }
    ActiveRun next = line.waiting.poll();
    line.owner = next == null ? null : next.runId(); // next in arrival order
    forgetIfIdle(key);
    return next;
  }

  /** Forgets {@code key} if nothing holds, awaits or has reserved it. */
  void forgetIfIdle(String key) {
    Line line = lines.get(key);
    if (line != null && line.idle()) {
      lines.remove(key);
    }
  }

  /** Returns every run waiting for a key, key by key, each line in arrival order. */
  List<ActiveRun> waiting() {
    List<ActiveRun> all = new ArrayList<>();
    for (Line line : lines.values()) {
      all.addAll(line.waiting);
    }
    return all;
  }
}
