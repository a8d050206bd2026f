package io.portkit.kafka;

import io.portkit.client.PortException;

/**
 * Consuming Port's runs from Kafka stopped on an error: unreachable brokers, rejected credentials,
 * a missing topic or ACL. The message names the topic and group; it never holds the password.
 */
public final class KafkaConsumerException extends PortException {
  /** Creates the exception with what failed and the Kafka error as cause. */
  public KafkaConsumerException(String message, Throwable cause) {
    super(message, false, cause);
  }
}
