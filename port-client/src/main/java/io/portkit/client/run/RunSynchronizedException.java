package io.portkit.client.run;

import io.portkit.client.PortApiException;

/**
 * Port refused to set a run's status with {@code run_synchronized_error}: the action's webhook is
 * synchronized ({@code "synchronized": true}), so Port sets the status itself from the webhook's
 * HTTP answer (2xx success, anything else failure) and rejects a status PATCH.
 *
 * <p>Fix either side: answer the webhook with the outcome (use {@link RunContext.Mode#SYNCHRONIZED}
 * and return its recorded outcome), or make the action asynchronous and report the status through
 * the API. Logs, labels and links still work in both modes. Not retryable.
 */
public final class RunSynchronizedException extends PortApiException {
  private static final long serialVersionUID = 1L;

  /** The {@code error} code Port sends. */
  public static final String ERROR_CODE = "run_synchronized_error";

  /**
   * Wraps Port's answer.
   *
   * @param cause the API exception carrying {@value #ERROR_CODE}
   */
  public RunSynchronizedException(PortApiException cause) {
    super(
        "The action is synchronized: Port sets the run status from the webhook's HTTP answer"
            + " and rejects a status update. Return the outcome as the webhook answer"
            + " (RunContext.Mode.SYNCHRONIZED), or set \"synchronized\": false on the action to"
            + " report the status through the API.",
        cause.statusCode(),
        cause.method(),
        cause.path(),
        cause.errorCode().orElse(null),
        cause.portMessage().orElse(null),
        cause.traceId().orElse(null),
        cause.responseBody());
    initCause(cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
