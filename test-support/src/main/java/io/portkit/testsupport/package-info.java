/**
 * Test support for portkit's own suites (never published): an SLF4J provider capturing every log
 * line, a scanner for secrets, and a JUnit extension failing the test class whose lines leaked one.
 * See {@code docs/decisions/0161-log-secrecy-in-every-suite.md}.
 */
package io.portkit.testlogging;
