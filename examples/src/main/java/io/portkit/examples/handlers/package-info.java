/**
 * The scenarios' handlers: thin glue from a run ({@code RunInvocation} plus {@link
 * io.portkit.client.run.RunContext}) to the domain services in {@code simulator}, {@code allowlist}
 * and {@code anonymize}.
 *
 * <p>Every handler ends the run it is given exactly once, with SUCCESS or FAILURE and a summary
 * that says what happened. Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.examples.handlers;
