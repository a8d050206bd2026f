/**
 * The scenarios' handlers: thin glue from a run ({@code RunInvocation} plus {@link
 * io.portkit.client.run.RunContext}) to the domain services in {@code simulator}, {@code allowlist}
 * and {@code anonymize}.
 *
 * <p>Every handler ends the run it is given exactly once, with SUCCESS or FAILURE and a summary
 * that says what happened. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.examples.handlers;

import org.jspecify.annotations.NullMarked;
