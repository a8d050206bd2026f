/**
 * The one entry point of a Port backend: {@link io.portkit.backend.PortBackend} holds the handlers,
 * the Port API client they report through and the verifier of what Port sends, and is handed to a
 * host (the JDK receiver, a servlet container, a Kafka consumer).
 */
@NullMarked
package io.portkit.backend;

import org.jspecify.annotations.NullMarked;
