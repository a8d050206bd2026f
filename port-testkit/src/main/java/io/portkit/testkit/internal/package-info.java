/**
 * The emulator's route handlers, state store, journal, faults and rate limiter. Not API: may change
 * in any release.
 */
@NullMarked
package io.portkit.testkit.internal;

import org.jspecify.annotations.NullMarked;
