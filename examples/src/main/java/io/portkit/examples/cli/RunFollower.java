package io.portkit.examples.cli;

import io.portkit.client.PortClient;
import io.portkit.client.PortTransportException;
import io.portkit.client.run.ActionRun;
import io.portkit.client.run.RunLogEntry;
import io.portkit.examples.simulator.Pause;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Follows a run for {@code trigger --wait} and prints its timeline as it happens, in the demo's
 * format: each new log line, status label and link, a waiting line while nothing moves, then the
 * final status with its summary and where to see the run. Reads the run and its new log lines once
 * per poll; a poll that cannot reach Port is tried again, up to {@value #MAX_MISSED_POLLS} in a
 * row.
 */
final class RunFollower {
  /** Polls in a row that may fail to reach Port before following gives up. */
  static final int MAX_MISSED_POLLS = 3;

  /** How long nothing may move before a waiting line says the run is still going. */
  static final Duration QUIET = Duration.ofSeconds(10);

  private static final int LOG_PAGE = 50;

  private final PortClient client;
  private final Timeline timeline;
  private final Pause pause;
  private final Duration poll;

  RunFollower(PortClient client, Timeline timeline, Pause pause, Duration poll) {
    this.client = client;
    this.timeline = timeline;
    this.pause = pause;
    this.poll = poll;
  }

  /**
   * Follows {@code runId} for at most {@code timeout}.
   *
   * @return 0 if it ended SUCCESS, 1 if it ended otherwise or is still running at the timeout
   * @throws PortUnreachable if Port could not be reached {@value #MAX_MISSED_POLLS} polls in a row
   */
  int follow(String runId, Duration timeout) throws InterruptedException {
    long polls = Math.max(1, timeout.toMillis() / poll.toMillis());
    long quietPolls = Math.max(1, QUIET.toMillis() / poll.toMillis());
    int logsSeen = 0;
    String label = null;
    Set<String> links = new HashSet<>();
    long quiet = 0;
    int missed = 0;
    for (long i = 0; i < polls; i++) {
      ActionRun run;
      List<RunLogEntry> logs;
      try {
        run = client.runs().get(runId);
        logs = newLogs(runId, logsSeen);
        missed = 0;
      } catch (PortTransportException e) {
        if (++missed >= MAX_MISSED_POLLS) {
          throw PortUnreachable.at(client.baseUri(), e);
        }
        pause.pause(poll);
        continue;
      }
      boolean moved = !logs.isEmpty();
      for (RunLogEntry log : logs) {
        timeline.print(runId, "log", log.message());
      }
      logsSeen += logs.size();
      if (run.statusLabel() != null && !Objects.equals(run.statusLabel(), label)) {
        label = run.statusLabel();
        timeline.print(runId, "label", label);
        moved = true;
      }
      for (String link : run.links()) {
        if (links.add(link)) {
          timeline.print(runId, "link", link);
          moved = true;
        }
      }
      if (run.status().isTerminal()) {
        timeline.print(runId, run.status().value(), run.summary() == null ? "" : run.summary());
        timeline.print(runId, "see", where(runId));
        return "SUCCESS".equals(run.status().value()) ? 0 : 1;
      }
      quiet = moved ? 0 : quiet + 1;
      if (quiet > 0 && quiet % quietPolls == 0) {
        timeline.print(
            runId,
            "waiting",
            run.status().value() + ", nothing new for " + (quiet * poll.toMillis() / 1000) + " s");
      }
      pause.pause(poll);
    }
    timeline.print(
        runId, "timeout", "still running after " + timeout.toSeconds() + " s: " + where(runId));
    return 1;
  }

  private List<RunLogEntry> newLogs(String runId, int seen) {
    List<RunLogEntry> page = client.runs().logs(runId, LOG_PAGE, seen);
    if (page.size() < LOG_PAGE) {
      return page;
    }
    List<RunLogEntry> all = new java.util.ArrayList<>(page);
    while (page.size() == LOG_PAGE) {
      page = client.runs().logs(runId, LOG_PAGE, seen + all.size());
      all.addAll(page);
    }
    return all;
  }

  /** The run's page in Port's app for Port's own API, else the run's API URL. */
  private String where(String runId) {
    URI api = client.baseUri();
    String host = api.getHost() == null ? "" : api.getHost();
    if (host.equals("api.port.io") || host.equals("api.getport.io")) {
      return "https://app.port.io/organization/run?runId=" + runId;
    }
    if (host.equals("api.us.port.io") || host.equals("api.us.getport.io")) {
      return "https://app.us.port.io/organization/run?runId=" + runId;
    }
    return api.resolve("/v1/actions/runs/" + runId).toString();
  }
}
