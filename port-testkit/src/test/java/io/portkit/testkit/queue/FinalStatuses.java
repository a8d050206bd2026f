package io.portkit.testkit.queue;

import io.portkit.testkit.PortEmulator;
import io.portkit.testkit.RecordedRequest;
import java.util.HashMap;
import java.util.Map;

/** Counts, from the emulator's request journal, the final statuses each run was sent. */
public final class FinalStatuses {
  private FinalStatuses() {}

  /** Returns, per run id, how many requests tried to give it a final status. */
  public static Map<String, Integer> perRun(PortEmulator port) {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedRequest r : port.requests()) {
      String body = r.body() == null ? "" : r.body();
      boolean isFinal =
          body.contains("\"status\":\"SUCCESS\"")
              || body.contains("\"status\":\"FAILURE\"")
              || body.contains("\"terminationStatus\"");
      if (isFinal && r.path().startsWith("/v1/actions/runs/")) {
        String runId = r.path().substring("/v1/actions/runs/".length()).split("/")[0];
        counts.merge(runId, 1, Integer::sum);
      }
    }
    return counts;
  }
}
