package io.portkit.testkit.internal;

import io.portkit.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;

/** The request journal: every request in arrival order. Thread-safe (synchronized). */
public final class Journal {
  private final List<RecordedRequest> entries = new ArrayList<>();

  /** Appends {@code request}. */
  public synchronized void record(RecordedRequest request) {
    entries.add(request);
  }

  /** Returns a copy of all entries, oldest first. */
  public synchronized List<RecordedRequest> entries() {
    return List.copyOf(entries);
  }

  /** Forgets all entries. */
  public synchronized void clear() {
    entries.clear();
  }
}
