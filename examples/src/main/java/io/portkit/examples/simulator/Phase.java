package io.portkit.examples.simulator;

/** The phases a simulated provisioning run goes through, in order. */
public enum Phase {
  /** Checking inputs and preparing; a few logs. */
  INITIALIZING,
  /** Creating the resource; sets a status label and adds two links. */
  PROVISIONING,
  /** One of one to five progress updates. */
  UPDATE,
  /** The run is done; carries the final summary. */
  SUCCESS
}
