/** Internals of port-kafka: the poll loop and per-message decisions. Not API. */
@NullMarked
package io.portkit.kafka.internal;

import org.jspecify.annotations.NullMarked;
