package io.portkit.testsupport;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when any log line written while it ran (or since the previous class ended)
 * carried a secret. Registered through the service loader for every test class, with {@code
 * junit.jupiter.extensions.autodetection.enabled=true} set by the build.
 *
 * <p>A JUnit {@code TestExecutionListener} cannot do this: the launcher logs and swallows what a
 * listener throws, so the check would never fail a build. Thread-safe.
 */
public final class LogSecrecyExtension implements AfterAllCallback {
  /** Creates the extension; JUnit calls this through the service loader. */
  public LogSecrecyExtension() {}

  @Override
  public void afterAll(ExtensionContext context) {
    List<CapturedLogs.Leak> leaks = CapturedLogs.drainLeaks();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size()
              + " log line(s) carried a secret while "
              + context.getDisplayName()
              + " ran (secrets shown as ***); never log a secret, token or authtoken:\n  "
              + leaks.stream()
                  .map(CapturedLogs.Leak::toString)
                  .collect(Collectors.joining("\n  ")));
    }
  }
}
