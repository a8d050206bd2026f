package io.portkit.testkit.internal;

import io.portkit.testkit.Fault;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Holds scripted faults and hands out the first one matching a request. Thread-safe (synchronized).
 */
public final class FaultInjector {
  private static final class Armed {
    final Fault fault;
    int remaining;

    Armed(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  /** Adds {@code fault}; faults are tried in the order added. */
  public synchronized void add(Fault fault) {
    armed.add(new Armed(fault));
  }

  /** Returns the first fault matching the request and consumes one use of it, or {@code null}. */
  public synchronized Fault take(String method, String path) {
    for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
      Armed candidate = it.next();
      if (candidate.fault.matches(method, path)) {
        if (--candidate.remaining == 0) {
          it.remove();
        }
        return candidate.fault;
      }
    }
    return null;
  }

  /** Returns how many uses each pending fault has left, as text lines for the admin route. */
  public synchronized List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Armed a : armed) {
      lines.add(a.fault + " remaining=" + a.remaining);
    }
    return lines;
  }

  /** Removes every pending fault. */
  public synchronized void clear() {
    armed.clear();
  }
}
