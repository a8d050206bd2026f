package io.portkit.backend.threads;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many handlers in flight whose Port calls are slow, on a virtual-thread scheduler with one carrier
 * thread (and no compensating extra carrier): another run still ends. This is the scenario pinning
 * breaks on Java 21 to 23 ({@link NoMonitorsTest} checks the cause on every JDK); virtual threads
 * need Java 21, so on 17 the test is skipped. A child JVM, because the scheduler reads its settings
 * once.
 */
class OneCarrierTest {
  @Test
  void slowPortCallsOnOneCarrier_otherRunsStillEnd() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Djdk.virtualThreadScheduler.parallelism=1",
                    "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                    "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                    "-cp",
                    System.getProperty("java.class.path"),
                    OneCarrierChild.class.getName()))
            .redirectErrorStream(true)
            .start();
    String output;
    try {
      assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child finished").isTrue();
      output = new String(child.getInputStream().readAllBytes(), UTF_8);
    } finally {
      child.destroyForcibly();
    }
    System.out.println("one carrier: " + output.strip());

    assertThat(output).contains("RESULT entered=" + OneCarrierChild.SLOW + " fast=done");
    assertThat(child.exitValue()).as(output).isZero();
  }
}
