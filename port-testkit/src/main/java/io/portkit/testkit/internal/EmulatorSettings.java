package io.portkit.testkit.internal;

import java.time.Duration;

/**
 * The emulator's configuration, fixed at build time.
 *
 * @param clientId the registered client id
 * @param clientSecret the registered client secret; never logged or printed by this class
 * @param tokenLifetime lifetime of issued tokens
 * @param finishedRunStatus status answered for a write to a finished run (409 or 422)
 * @param rateLimit requests allowed per window
 * @param ratePeriod rate-limit window
 * @param deliverWebhooks whether runs created over HTTP invoke their WEBHOOK action
 * @param webhookTimeout bound on one webhook call
 * @param orgSecrets the organisation secrets templates see as {@code .secrets}; never printed
 * @param rejectUndeclaredProperties whether an entity property its blueprint's schema does not
 *     declare is a 422 (docs/decisions/0026-entity-property-validation.md)
 */
public record EmulatorSettings(
    String clientId,
    String clientSecret,
    Duration tokenLifetime,
    int finishedRunStatus,
    int rateLimit,
    Duration ratePeriod,
    boolean deliverWebhooks,
    Duration webhookTimeout,
    java.util.Map<String, String> orgSecrets,
    boolean rejectUndeclaredProperties) {
  @Override
  public String toString() {
    return "EmulatorSettings[clientId="
        + clientId
        + ", clientSecret=***, tokenLifetime="
        + tokenLifetime
        + ", finishedRunStatus="
        + finishedRunStatus
        + ", rateLimit="
        + rateLimit
        + "/"
        + ratePeriod
        + ", deliverWebhooks="
        + deliverWebhooks
        + ", webhookTimeout="
        + webhookTimeout
        + ", orgSecrets="
        + new java.util.TreeSet<>(orgSecrets.keySet())
        + ", rejectUndeclaredProperties="
        + rejectUndeclaredProperties
        + "]";
  }
}
