/**
 * The out-of-the-box demo: the emulator with the demo catalog, the local receiver, one run of each
 * scenario plus one that must fail, and each run's timeline printed as it happens.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.examples.demo;
