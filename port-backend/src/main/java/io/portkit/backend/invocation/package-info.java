/**
 * What Port sends a backend, whatever carried it (a webhook or a Kafka message): the signature over
 * the raw bytes ({@link io.portkit.backend.invocation.SignatureVerifier} and its signing half
 * {@link io.portkit.backend.invocation.Signer}), the parser of Port's run payloads ({@link
 * io.portkit.backend.invocation.RunInvocationParser}) and the model a handler reads ({@link
 * io.portkit.backend.invocation.RunInvocation}).
 *
 * <p>Absent values are returned as {@link java.util.Optional} or marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.backend.invocation;

import org.jspecify.annotations.NullMarked;
