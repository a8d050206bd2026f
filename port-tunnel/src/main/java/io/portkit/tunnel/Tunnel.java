package io.portkit.tunnel;

import java.net.URI;

/**
 * A public URL through which Port reaches a local backend, open until {@link #close()}.
 *
 * <pre>{@code
 * try (Tunnel tunnel = provider.open(URI.create("http://127.0.0.1:8080"))) {
 *   System.out.println(InvocationMethod.webhook(tunnel.publicUrl()).instructions());
 *   receiver.awaitShutdown();
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. {@link #close()} is idempotent and may be called from any
 * thread, including a JVM shutdown hook.
 */
public interface Tunnel extends AutoCloseable {

  /**
   * Returns the public base URL, for example {@code https://example.ngrok-free.app}; Port calls
   * this URL (plus the receiver's path). It stays the same after {@link #close()}.
   */
  URI publicUrl();

  /**
   * Releases the tunnel. The first call tears it down; later calls, from any thread, return at
   * once. Never throws: teardown failures are logged, because close runs in {@code finally} blocks
   * and shutdown hooks, where a throw would hide the original error.
   */
  @Override
  void close();
}
