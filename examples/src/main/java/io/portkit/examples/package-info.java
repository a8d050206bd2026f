/**
 * The portkit examples: {@link io.portkit.examples.PortkitCli}, the program that runs the demo, the
 * backend for real Port, and the helper commands.
 */
@NullMarked
package io.portkit.examples;

import org.jspecify.annotations.NullMarked;
