package io.portkit.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link PortkitStartupException} as one description and one action. */
final class PortkitFailureAnalyzer extends AbstractFailureAnalyzer<PortkitStartupException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PortkitStartupException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
