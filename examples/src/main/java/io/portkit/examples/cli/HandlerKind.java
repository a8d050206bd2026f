package io.portkit.examples.cli;

/** Which handlers {@code serve} runs ({@code --handler}). */
public enum HandlerKind {
  /** The scenarios by action; the simulator for every other action. */
  SIMULATOR,
  /** Every run ends at once with SUCCESS. */
  NOOP
}
