/**
 * Consumes Port action runs from the organization's Kafka topic ({@code ORG_ID.runs}) and hands
 * each verified run to the same {@link io.portkit.backend.dispatch.RunDispatcher} that serves
 * webhooks, so one set of handlers serves both transports.
 *
 * <p>Entry points: {@link io.portkit.kafka.KafkaSettings} (brokers, credentials, topic, group, from
 * the environment), {@link io.portkit.kafka.RunMessageReader} (signature check and filtering of one
 * message) and {@link io.portkit.kafka.KafkaRunConsumer} (the consumer group member: offsets,
 * rebalances, shutdown). See {@code docs/scaling.md}.
 */
@NullMarked
package io.portkit.kafka;

import org.jspecify.annotations.NullMarked;
