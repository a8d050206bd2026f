package io.portkit.backend.dispatch;

import io.portkit.backend.dispatch.Completion.Kind;
import io.portkit.backend.internal.PortRunLookup;
import io.portkit.backend.internal.PortRunLookup.Match;
import io.portkit.client.PortClient;
import io.portkit.client.PortException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completions of runs this process does not await: found in Port by external id or run id, ended
 * there if still running. Stateless.
 */
final class PortCompletions {
  private static final Logger log = LoggerFactory.getLogger(PortCompletions.class);

  private PortCompletions() {}

  static Completion byExternalId(
      @Nullable PortClient port, HandOffReporter reporter, String externalRunId, HandOffResult r) {
    if (port == null) {
      return new Completion(
          Kind.NOT_FOUND,
          null,
          "no run waits for " + externalRunId + " here, and this backend cannot ask Port");
    }
    List<Match> found;
    try {
      found = PortRunLookup.byExternalId(port, externalRunId);
    } catch (PortException e) {
      return new Completion(
          Kind.REPORT_FAILED,
          null,
          "could not look up " + externalRunId + " in Port (" + e.getMessage() + "): try again");
    }
    Optional<Match> open = found.stream().filter(m -> !m.terminal()).findFirst();
    if (open.isPresent()) {
      return completeInPort(reporter, open.get().runId(), externalRunId, r);
    }
    if (!found.isEmpty()) {
      Match last = found.get(0);
      return new Completion(
          Kind.ALREADY_FINISHED,
          last.runId(),
          "run "
              + last.runId()
              + " ("
              + externalRunId
              + ") had already ended "
              + last.status()
              + " in Port: nothing changed");
    }
    return new Completion(
        Kind.NOT_FOUND,
        null,
        "no run has the external id " + externalRunId + ", here or in Port: nothing changed");
  }

  static Completion byRunId(
      @Nullable PortClient port, HandOffReporter reporter, String runId, HandOffResult r) {
    if (port == null) {
      return new Completion(
          Kind.NOT_FOUND, null, "run " + runId + " is not awaited here: nothing changed");
    }
    if (!WorkflowNodes.isNodeRunId(runId)) {
      Match match;
      try {
        match = PortRunLookup.byRunId(port, runId);
      } catch (PortException e) {
        return new Completion(
            Kind.REPORT_FAILED,
            runId,
            "could not read run " + runId + " in Port (" + e.getMessage() + "): try again");
      }
      if (match == null) {
        return new Completion(
            Kind.NOT_FOUND, null, "Port has no run " + runId + ": nothing changed");
      }
      if (match.terminal()) {
        return new Completion(
            Kind.ALREADY_FINISHED,
            runId,
            "run " + runId + " had already ended " + match.status() + " in Port: nothing changed");
      }
    }
    return completeInPort(reporter, runId, runId, r);
  }

  private static Completion completeInPort(
      HandOffReporter reporter, String runId, String named, HandOffResult r) {
    try {
      reporter.complete(runId, r);
    } catch (RuntimeException e) {
      log.warn("run {}: reporting its completion failed ({})", runId, e.toString());
      return new Completion(
          Kind.REPORT_FAILED,
          runId,
          "run "
              + runId
              + " ("
              + named
              + ") was found but Port did not take its final status ("
              + e.getMessage()
              + "): try again");
    }
    log.info("run {} ({}) completed {} through Port", runId, named, r.status());
    return new Completion(
        Kind.COMPLETED, runId, "run " + runId + " (" + named + ") ended " + r.status());
  }
}
