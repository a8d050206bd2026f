/**
 * The emulator's route handlers, state store, journal, faults and rate limiter. Not API: may change
 * in any release.
 */
package io.portkit.testkit.internal;
