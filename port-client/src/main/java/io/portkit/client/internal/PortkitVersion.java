package io.portkit.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The portkit version, from a resource Maven filters at build time. */
public final class PortkitVersion {
  private static final String VERSION = load();

  private PortkitVersion() {}

  /** Returns the version, for example {@code 0.1.0-SNAPSHOT}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in =
        PortkitVersion.class.getResourceAsStream("/io/portkit/client/portkit-client.properties")) {
      if (in == null) {
        throw new IllegalStateException("portkit-client.properties is missing from the jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read portkit-client.properties", e);
    }
  }
}
