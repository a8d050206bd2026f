package io.portkit.backend.dispatch;

/** Thrown by the dispatcher's own handlers (no handler for the action) to end a run as given. */
final class EndingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialized: it does not leave the dispatcher
  private final Ending ending;

  EndingException(Ending ending) {
    super(ending.summary(), null, false, false);
    this.ending = ending;
  }

  Ending ending() {
    return ending;
  }
}
