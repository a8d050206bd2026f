package io.portkit.backend.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Finds the JVM's virtual-thread-per-task executor on Java 21+ without compiling against it, so the
 * library keeps its Java 17 baseline (ADR 0070). Not API.
 */
public final class VirtualThreads {
  private VirtualThreads() {}

  /**
   * Returns a new virtual-thread-per-task executor (the caller owns it), or null on a JVM without
   * virtual threads (Java 17 to 20) or where the factory cannot be called.
   */
  public static ExecutorService newPerTaskExecutor() {
    try {
      Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) factory.invoke(null);
    } catch (NoSuchMethodException e) {
      return null; // Java 17-20
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A security manager or a restricted runtime: the callers fall back to platform threads.
      return null;
    }
  }
}
