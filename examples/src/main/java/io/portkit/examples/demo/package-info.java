/**
 * The out-of-the-box demo: the emulator with the demo catalog, the local receiver, one run of each
 * scenario plus one that must fail, the automation run Port's timer starts when the demo's clock
 * ({@link io.portkit.examples.demo.DemoClock}) jumps past the granted access's expiry, and each
 * run's timeline printed as it happens.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.examples.demo;

import org.jspecify.annotations.NullMarked;
