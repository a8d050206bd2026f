/**
 * The intake load benchmark: a target server (portkit's receiver or a bare JDK server) and a
 * generator of pre-signed requests for wrk; run both with {@code scripts/bench/intake.sh}.
 */
@NullMarked
package io.portkit.benchmarks.intake;

import org.jspecify.annotations.NullMarked;
