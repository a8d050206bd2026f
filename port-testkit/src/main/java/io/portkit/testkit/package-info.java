/**
 * An in-memory emulator of Port's REST API for tests, demos and local development.
 *
 * <p>{@link io.portkit.testkit.PortEmulator} is a real HTTP server on {@code 127.0.0.1} that
 * implements the routes a self-service-action backend calls (token, runs, run logs, entities,
 * blueprints, actions), plus admin routes under {@code /__emulator} to read its state and script
 * faults. {@link io.portkit.testkit.PortEmulatorExtension} starts one from JUnit 5 and {@link
 * io.portkit.testkit.PortEmulatorMain} runs one from the command line.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.testkit;

import org.jspecify.annotations.NullMarked;
