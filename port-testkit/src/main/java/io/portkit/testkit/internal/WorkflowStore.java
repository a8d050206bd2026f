package io.portkit.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.testkit.EmulatedWorkflowRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The emulator's workflows, workflow runs and node runs. Every read and write goes through {@link
 * #locked}, which wakes the waiters of {@link #await}. Thread-safe.
 */
final class WorkflowStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  final Map<String, ObjectNode> workflows = new LinkedHashMap<>(); // guarded by lock
  final Map<String, WorkflowRecords.Run> runs = new LinkedHashMap<>(); // guarded by lock
  final Map<String, WorkflowRecords.Node> nodeRuns = new LinkedHashMap<>(); // guarded by lock

  <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      changed.signalAll();
      lock.unlock();
    }
  }

  /** Waits until run {@code id} exists and meets {@code condition}; null on timeout. */
  EmulatedWorkflowRun await(String id, Predicate<EmulatedWorkflowRun> condition, Duration timeout)
      throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        WorkflowRecords.Run run = runs.get(id);
        if (run != null && condition.test(run.snapshot())) {
          return run.snapshot();
        }
        if (left <= 0) {
          return null;
        }
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    locked(
        () -> {
          workflows.clear();
          runs.clear();
          nodeRuns.clear();
          return null;
        });
  }
}
