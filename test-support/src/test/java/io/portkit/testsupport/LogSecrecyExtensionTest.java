package io.portkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.slf4j.LoggerFactory;

/** Runs small test classes through a real launcher and checks what the extension made of them. */
class LogSecrecyExtensionTest {

  /**
   * Logs a fixed test secret; run only through the launcher below (surefire skips nested classes).
   */
  static class Leaky {
    @Test
    void logsSecret() {
      LoggerFactory.getLogger("leaky.fixture").debug("connecting with secret {}", "hunter2-secret");
    }
  }

  /** Logs nothing secret. */
  static class Clean {
    @Test
    void logsRunId() {
      LoggerFactory.getLogger("clean.fixture").info("run {} ended", "r_1");
    }
  }

  @Test
  void providerInUse_isCapturingProvider() {
    long before = CapturedLogs.lines();

    LoggerFactory.getLogger("any").trace("trace lines are captured too");

    assertThat(CapturedLogs.lines()).isGreaterThan(before);
  }

  @Test
  void leakyClass_failsAfterAllWithRedactedLine() {
    List<Throwable> failures = run(Leaky.class);

    assertThat(failures).hasSize(1);
    assertThat(failures.get(0))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "1 log line(s) carried a secret while LogSecrecyExtensionTest$Leaky ran (secrets shown as ***); never log a"
                + " secret, token or authtoken:\n  DEBUG leaky.fixture logged a known test secret:"
                + " connecting with secret ***");
  }

  @Test
  void cleanClass_passes() {
    assertThat(run(Clean.class)).isEmpty();
  }

  private static List<Throwable> run(Class<?> testClass) {
    List<Throwable> failures = new ArrayList<>();
    TestExecutionListener collect =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            result.getThrowable().ifPresent(failures::add);
          }
        };
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .build(),
            collect);
    return failures;
  }
}
