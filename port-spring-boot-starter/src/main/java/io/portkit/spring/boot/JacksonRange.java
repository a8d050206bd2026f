package io.portkit.spring.boot;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once at start-up when the Jackson 2 on the classpath is outside the range portkit is tested
 * with (ADR 0180): a Boot BOM or another library can move it without a word.
 */
final class JacksonRange {
  private static final Logger log = LoggerFactory.getLogger(JacksonRange.class);

  static final int MIN_MINOR = 19;
  static final int MAX_MINOR = 21;

  private JacksonRange() {}

  static void check() {
    com.fasterxml.jackson.core.Version v = PackageVersion.VERSION;
    if (!supported(v.getMajorVersion(), v.getMinorVersion())) {
      log.warn(
          "jackson-databind {} is on the classpath; portkit is tested with Jackson 2 from 2.{} to"
              + " 2.{}: pin com.fasterxml.jackson:jackson-bom (Boot 4: the property"
              + " jackson-2-bom.version; Boot 3.5: jackson-bom.version) within that range",
          v,
          MIN_MINOR,
          MAX_MINOR);
    }
  }

  static boolean supported(int major, int minor) {
    return major == 2 && minor >= MIN_MINOR && minor <= MAX_MINOR;
  }
}
