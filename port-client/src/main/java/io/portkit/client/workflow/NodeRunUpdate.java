package io.portkit.client.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /v1/workflows/nodes/runs/{id}}: every field optional, nulls omitted.
 * {@code output} is what later nodes read as {@code .outputs.<node>}; {@code logs} are added to the
 * node run. Immutable.
 *
 * <pre>{@code
 * NodeRunUpdate done = NodeRunUpdate.builder()
 *     .status(NodeRunStatus.COMPLETED).result(NodeRunResult.SUCCESS)
 *     .output(output).log(NodeRunLog.of(LogLevel.INFO, "deployed"))
 *     .build();
 * }</pre>
 *
 * @param status the status, or null to leave it
 * @param result the result (with {@code COMPLETED}), or null
 * @param output the node's output object, or null to leave it
 * @param logs log lines to add, never null
 * @param externalRunId the backend's own id for the node run, or null
 */
public record NodeRunUpdate(
    @Nullable NodeRunStatus status,
    @Nullable NodeRunResult result,
    @Nullable ObjectNode output,
    List<NodeRunLog> logs,
    @Nullable String externalRunId) {
  /** Copies the logs and the output. */
  public NodeRunUpdate {
    logs = List.copyOf(Objects.requireNonNull(logs, "logs == null"));
    output = output == null ? null : output.deepCopy();
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns whether the update completes the node run. */
  public boolean isFinal() {
    return status == NodeRunStatus.COMPLETED;
  }

  /** Shows the fields but not the output's content or the log texts (they may be large). */
  @Override
  public String toString() {
    return "NodeRunUpdate[status="
        + status
        + ", result="
        + result
        + ", output="
        + (output == null ? "null" : output.size() + " field(s)")
        + ", logs="
        + logs.size()
        + ", externalRunId="
        + externalRunId
        + "]";
  }

  /** Builds a {@link NodeRunUpdate}. Not thread-safe. */
  public static final class Builder {
    private @Nullable NodeRunStatus status;
    private @Nullable NodeRunResult result;
    private @Nullable ObjectNode output;
    private final List<NodeRunLog> logs = new ArrayList<>();
    private @Nullable String externalRunId;

    private Builder() {}

    /** Sets the status. */
    public Builder status(NodeRunStatus status) {
      this.status = Objects.requireNonNull(status, "status == null");
      return this;
    }

    /** Sets the result. */
    public Builder result(NodeRunResult result) {
      this.result = Objects.requireNonNull(result, "result == null");
      return this;
    }

    /** Sets the output object. */
    public Builder output(ObjectNode output) {
      this.output = Objects.requireNonNull(output, "output == null").deepCopy();
      return this;
    }

    /** Adds a log line. */
    public Builder log(NodeRunLog log) {
      logs.add(Objects.requireNonNull(log, "log == null"));
      return this;
    }

    /** Sets the external run id. */
    public Builder externalRunId(String externalRunId) {
      this.externalRunId = Objects.requireNonNull(externalRunId, "externalRunId == null");
      return this;
    }

    /**
     * Returns the update.
     *
     * @throws IllegalStateException if a result is given without {@code COMPLETED}, or {@code
     *     COMPLETED} without a result
     */
    public NodeRunUpdate build() {
      if ((status == NodeRunStatus.COMPLETED) != (result != null)) {
        throw new IllegalStateException(
            "a result goes with status COMPLETED, and COMPLETED needs a result");
      }
      return new NodeRunUpdate(status, result, output, logs, externalRunId);
    }
  }
}
