package io.portkit.client.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /v1/actions/runs/{id}}: every field optional, nulls omitted on the wire.
 * {@link #links()} is sent as Port's {@code link} array and replaces the run's links. Immutable.
 *
 * <pre>{@code
 * RunUpdate u = RunUpdate.builder().statusLabel("Deploying").link("https://ci/run/1").build();
 * }</pre>
 *
 * @param status the final status, or null to leave the run running
 * @param statusLabel the label, or null
 * @param links the full list of links, or null to leave links unchanged
 * @param summary the summary, or null
 * @param externalRunId the backend's id for the run, or null
 */
public record RunUpdate(
    @Nullable FinalStatus status,
    @Nullable String statusLabel,
    @Nullable List<String> links,
    @Nullable String summary,
    @Nullable String externalRunId) {

  /** Copies the links. */
  public RunUpdate {
    links = links == null ? null : List.copyOf(links);
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this update's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.statusLabel = statusLabel;
    b.links = links;
    b.summary = summary;
    b.externalRunId = externalRunId;
    return b;
  }

  /** Returns the final status, if this update ends the run. */
  public Optional<FinalStatus> finalStatus() {
    return Optional.ofNullable(status);
  }

  /** Returns whether every field is null. */
  public boolean isEmpty() {
    return status == null
        && statusLabel == null
        && links == null
        && summary == null
        && externalRunId == null;
  }

  /** Builds a {@link RunUpdate}. Not thread-safe. */
  public static final class Builder {
    private FinalStatus status;
    private String statusLabel;
    private List<String> links;
    private String summary;
    private String externalRunId;

    private Builder() {}

    /** Sets the final status. */
    public Builder status(FinalStatus status) {
      this.status = Objects.requireNonNull(status, "status == null");
      return this;
    }

    /** Sets the status label. */
    public Builder statusLabel(String statusLabel) {
      this.statusLabel = Objects.requireNonNull(statusLabel, "statusLabel == null");
      return this;
    }

    /** Sets the complete list of links, replacing any set before. */
    public Builder links(List<String> links) {
      this.links = List.copyOf(Objects.requireNonNull(links, "links == null"));
      return this;
    }

    /** Adds one link to the list sent. */
    public Builder link(String link) {
      Objects.requireNonNull(link, "link == null");
      List<String> next = new java.util.ArrayList<>(links == null ? List.of() : links);
      next.add(link);
      this.links = List.copyOf(next);
      return this;
    }

    /** Sets the summary. */
    public Builder summary(String summary) {
      this.summary = Objects.requireNonNull(summary, "summary == null");
      return this;
    }

    /** Sets the external run id. */
    public Builder externalRunId(String externalRunId) {
      this.externalRunId = Objects.requireNonNull(externalRunId, "externalRunId == null");
      return this;
    }

    /** Returns the update. */
    public RunUpdate build() {
      return new RunUpdate(status, statusLabel, links, summary, externalRunId);
    }
  }
}
