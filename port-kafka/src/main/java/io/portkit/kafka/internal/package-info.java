/** Internals of port-kafka: the poll loop and per-message decisions. Not API. */
package io.portkit.kafka.internal;
