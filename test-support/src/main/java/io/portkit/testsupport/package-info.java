/**
 * Test support for portkit's own suites (never published, test scope only): an SLF4J provider
 * capturing every log line, a scanner for secrets, and a JUnit extension failing the test class
 * whose lines leaked one (ADR 0161); the one hand-moved clock, {@link
 * io.portkit.testsupport.MutableClock}, and the one raw-socket HTTP helper, {@link
 * io.portkit.testsupport.RawHttp} (ADR 0162).
 */
@NullMarked
package io.portkit.testsupport;

import org.jspecify.annotations.NullMarked;
