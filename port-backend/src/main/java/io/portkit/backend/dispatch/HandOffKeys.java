package io.portkit.backend.dispatch;

import io.portkit.backend.journal.HandedOffRun;

/**
 * Where {@link HandOffs} tells the dispatcher's scheduler that a handed-off run is awaited again
 * after a restart, or has ended: its concurrency key is held in between (ADR 0238).
 */
interface HandOffKeys {
  /** For a process that schedules no runs ({@link HandOffs#remote}). */
  HandOffKeys NONE =
      new HandOffKeys() {
        @Override
        public void hold(HandedOffRun run) {}

        @Override
        public void release(HandedOffRun run) {}
      };

  /** Holds the key of {@code run}, found handed off in the journal at start. */
  void hold(HandedOffRun run);

  /** Gives back the key of {@code run}, whose hand-off ended. */
  void release(HandedOffRun run);
}
