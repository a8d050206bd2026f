/**
 * End-to-end benchmark: trigger in PortEmulator, signed delivery, receiver, dispatcher, noop
 * handler, final status back through the client. See {@code docs/performance.md}. Not API.
 */
@NullMarked
package io.portkit.benchmarks.e2e;

import org.jspecify.annotations.NullMarked;
