package io.portkit.backend.dispatch;

import java.util.Locale;

/** Why a delivery was refused before any handler started, for {@link RunListener}. */
public enum IntakeRejection {
  /** The signature is missing, malformed or matches no secret. */
  SIGNATURE,
  /** The signature matches but the signing time is outside the tolerance. */
  TOLERANCE,
  /** The body is too large, not JSON, has no run id, or the media type is not JSON. */
  BODY,
  /** The run id was taken before; nothing new was started. */
  DUPLICATE,
  /** {@code maxInFlight} runs were in flight (or the handler executor refused the run). */
  CAPACITY,
  /** The backend is shutting down. */
  SHUTTING_DOWN,
  /** The run journal could not record the run. */
  JOURNAL,
  /** The body names no action and looking the run up in Port failed (Port could not be asked). */
  ROUTING,
  /** The body names no action and Port does not know the run, or names no action for it. */
  UNKNOWN_RUN;

  /** Returns the lower-case name used as a metric tag, for example {@code shutting_down}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
