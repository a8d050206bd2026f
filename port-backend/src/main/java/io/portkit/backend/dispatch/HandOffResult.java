package io.portkit.backend.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portkit.client.run.FinalStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the other system says a handed-off run ended: its final status, and what to show with it
 * (summary, status label, links, one last log line, and for a workflow node run its output).
 * Immutable.
 *
 * <pre>{@code
 * HandOffResult passed = HandOffResult.builder(FinalStatus.SUCCESS)
 *     .summary("pipeline 42 passed")
 *     .link("https://ci.example.com/pipelines/42")
 *     .lastLog("all 318 tests passed")
 *     .build();
 * backend.handOffs().complete("pipeline-42", passed);
 * }</pre>
 */
public final class HandOffResult {
  private final FinalStatus status;
  private final @Nullable String summary;
  private final @Nullable String statusLabel;
  private final List<String> links;
  private final @Nullable String lastLog;
  private final @Nullable ObjectNode output;

  private HandOffResult(Builder b) {
    this.status = b.status;
    this.summary = b.summary;
    this.statusLabel = b.statusLabel;
    this.links = List.copyOf(b.links);
    this.lastLog = b.lastLog;
    this.output = b.output == null ? null : b.output.deepCopy();
  }

  /** Returns a SUCCESS with {@code summary} (null for none) and nothing else. */
  public static HandOffResult success(@Nullable String summary) {
    Builder b = builder(FinalStatus.SUCCESS);
    if (summary != null) {
      b.summary(summary);
    }
    return b.build();
  }

  /** Returns a FAILURE with {@code summary} (null for none) and nothing else. */
  public static HandOffResult failure(@Nullable String summary) {
    Builder b = builder(FinalStatus.FAILURE);
    if (summary != null) {
      b.summary(summary);
    }
    return b.build();
  }

  /** Returns a builder for a result with {@code status}. */
  public static Builder builder(FinalStatus status) {
    return new Builder(Objects.requireNonNull(status, "status == null"));
  }

  /** Returns the final status. */
  public FinalStatus status() {
    return status;
  }

  /** Returns the summary, or null. */
  public @Nullable String summary() {
    return summary;
  }

  /**
   * Returns the status label to set, or null for the default ({@code completed} on SUCCESS, {@code
   * failed} on FAILURE), which replaces the "waiting for ..." label of the hand-off.
   */
  public @Nullable String statusLabel() {
    return statusLabel;
  }

  /** Returns the links to add to the run's links (never null). */
  public List<String> links() {
    return links;
  }

  /** Returns the log line written before the final status, or null. */
  public @Nullable String lastLog() {
    return lastLog;
  }

  /** Returns a workflow node run's output (a copy), or null; action runs ignore it. */
  public @Nullable ObjectNode output() {
    return output == null ? null : output.deepCopy();
  }

  /** Shows the status and how many links; the texts are the caller's and may be long. */
  @Override
  public String toString() {
    return "HandOffResult[" + status + ", links=" + links.size() + "]";
  }

  /** Builds a {@link HandOffResult}. Not thread-safe. */
  public static final class Builder {
    private final FinalStatus status;
    private @Nullable String summary;
    private @Nullable String statusLabel;
    private final List<String> links = new ArrayList<>();
    private @Nullable String lastLog;
    private @Nullable ObjectNode output;

    private Builder(FinalStatus status) {
      this.status = status;
    }

    /** Sets the summary shown on the run. */
    public Builder summary(String summary) {
      this.summary = Objects.requireNonNull(summary, "summary == null");
      return this;
    }

    /** Sets the status label instead of {@code completed}/{@code failed}. */
    public Builder statusLabel(String statusLabel) {
      this.statusLabel = Objects.requireNonNull(statusLabel, "statusLabel == null");
      return this;
    }

    /** Adds a link; the run keeps the links it had and gets these after them. */
    public Builder link(String url) {
      links.add(Objects.requireNonNull(url, "url == null"));
      return this;
    }

    /** Adds every link in {@code urls}. */
    public Builder links(List<String> urls) {
      Objects.requireNonNull(urls, "urls == null").forEach(this::link);
      return this;
    }

    /** Sets one log line written just before the final status. */
    public Builder lastLog(String line) {
      this.lastLog = Objects.requireNonNull(line, "line == null");
      return this;
    }

    /** Sets a workflow node run's output, which later nodes read as {@code .outputs.<node>}. */
    public Builder output(ObjectNode output) {
      this.output = Objects.requireNonNull(output, "output == null").deepCopy();
      return this;
    }

    /** Returns the result. */
    public HandOffResult build() {
      return new HandOffResult(this);
    }
  }
}
