package io.portkit.backend.dispatch;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so, on the test's thread. */
final class ManualExecutor implements Executor {
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable task) {
    queue.add(task);
  }

  /** Runs every queued task; returns how many ran. */
  int runAll() {
    int n = 0;
    for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
      task.run();
      n++;
    }
    return n;
  }

  int queued() {
    return queue.size();
  }
}
