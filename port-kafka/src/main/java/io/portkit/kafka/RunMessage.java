package io.portkit.kafka;

import io.portkit.backend.invocation.RunInvocation;
import java.util.Objects;

/**
 * What {@link RunMessageReader} made of one Kafka message: a verified run to dispatch, or a message
 * to skip and why.
 *
 * <p>All variants are immutable values. None holds the signature or any secret.
 */
public sealed interface RunMessage {
  /**
   * A signed run addressed to this consumer.
   *
   * @param invocation the parsed run, as a webhook would produce it
   */
  record Run(RunInvocation invocation) implements RunMessage {
    /** Validates the invocation. */
    public Run {
      Objects.requireNonNull(invocation, "invocation == null");
    }
  }

  /**
   * A message that is not executed.
   *
   * @param reason the category, for metrics and tests
   * @param detail what was wrong and what to do, safe to log
   */
  record Skipped(SkipReason reason, String detail) implements RunMessage {
    /** Validates the components. */
    public Skipped {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
    }
  }

  /** Why a message was skipped. */
  enum SkipReason {
    /** Not a JSON object, or no run id anywhere in it. */
    MALFORMED,
    /** For another consumer: another invocation type (agent webhook, GitLab) or not a run. */
    NOT_FOR_US,
    /** No signature, a wrong one, or a timestamp outside the tolerance. */
    BAD_SIGNATURE
  }
}
