package io.portkit.client.run;

import io.portkit.client.PortException;
import java.util.Objects;

/**
 * A write that a {@link RunContext} held back for coalescing (a status label, links, a summary or
 * an external id; see {@link WriteCoalescing}) was refused by Port after the call that made it had
 * returned. It is thrown once, by the context's next call, which then does nothing else: the
 * handler sees the failure one call later than without coalescing, and may carry on (ADR 0221). The
 * fields it names were not applied in Port. Not retryable: Port refused them for good (a transient
 * failure keeps the fields and sends them with the next write instead).
 */
public final class DeferredWriteException extends PortException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final String fields;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param fields what was held, for example {@code "statusLabel, link"}; never the values
   * @param cause Port's refusal
   */
  public DeferredWriteException(String runId, String fields, PortException cause) {
    super(
        "run "
            + runId
            + ": Port refused an earlier write held for coalescing ("
            + fields
            + "), sent after the call that made it returned; those fields were not applied: "
            + cause.getMessage(),
        false,
        cause);
    this.runId = Objects.requireNonNull(runId, "runId == null");
    this.fields = Objects.requireNonNull(fields, "fields == null");
  }

  /** Returns the run id. */
  public String runId() {
    return runId;
  }

  /** Returns the names of the fields that were not applied, for example {@code "statusLabel"}. */
  public String fields() {
    return fields;
  }
}
