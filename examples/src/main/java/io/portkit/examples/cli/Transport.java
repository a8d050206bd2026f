package io.portkit.examples.cli;

/** How {@code serve} receives Port's runs ({@code --transport}). */
public enum Transport {
  /** Port calls this backend's URL (default). */
  WEBHOOK,
  /** This backend joins a consumer group on the organization's {@code ORG_ID.runs} topic. */
  KAFKA
}
