package io.portkit.tunnel.ngrok;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shutdown hooks that are only recorded, so a test can run one directly. */
final class RecordingShutdownHooks implements ShutdownHooks {
  final List<Thread> registered = new CopyOnWriteArrayList<>();
  final List<Thread> removed = new CopyOnWriteArrayList<>();

  @Override
  public void add(Thread hook) {
    registered.add(hook);
  }

  @Override
  public void remove(Thread hook) {
    removed.add(hook);
  }
}
