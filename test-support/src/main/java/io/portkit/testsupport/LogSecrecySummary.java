package io.portkit.testsupport;

import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a suite, how many log lines were scanned for secrets, and any leak logged
 * after the last test class ended (which {@link LogSecrecyExtension} can no longer attribute).
 * Reports only: the launcher swallows listener exceptions, so failing is the extension's job.
 */
public final class LogSecrecySummary implements TestExecutionListener {
  /** Creates the listener; JUnit calls this through the service loader. */
  public LogSecrecySummary() {}

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    List<CapturedLogs.Leak> late = CapturedLogs.drainLeaks();
    System.out.println(
        "log secrecy: "
            + CapturedLogs.lines()
            + " log lines scanned for "
            + LogSecrets.knownCount()
            + " known test secrets, JWTs, bearer tokens and generated secrets; "
            + (late.isEmpty()
                ? "no leak after the last test class"
                : late.size() + " LEAK(S) after the last test class: " + late));
  }
}
