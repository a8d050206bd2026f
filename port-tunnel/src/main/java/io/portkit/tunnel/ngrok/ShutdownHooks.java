package io.portkit.tunnel.ngrok;

/**
 * Registers and removes JVM shutdown hooks; the seam that lets tests run a tunnel's hook directly.
 *
 * <p>{@link #runtime()} is thread-safe, as {@link Runtime} is.
 */
public interface ShutdownHooks {

  /** Registers {@code hook} to run when the JVM shuts down. */
  void add(Thread hook);

  /**
   * Removes {@code hook}. Does nothing when the JVM is already shutting down (removal then throws
   * {@link IllegalStateException}, which implementations must absorb) or the hook is unknown.
   */
  void remove(Thread hook);

  /** Returns the hooks of {@link Runtime#getRuntime()}. */
  static ShutdownHooks runtime() {
    return new ShutdownHooks() {
      @Override
      public void add(Thread hook) {
        Runtime.getRuntime().addShutdownHook(hook);
      }

      @Override
      public void remove(Thread hook) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is shutting down, so the hook is running or about to: nothing to remove.
        }
      }
    };
  }
}
