/**
 * The examples command line: configuration (environment, then {@code .env}, then flags), the
 * commands ({@code demo}, {@code serve}, {@code simulate}, {@code run}, {@code trigger}, {@code
 * emulator}) and the running backend they share.
 *
 * <p>Parameters and return values are non-null unless documented otherwise. No class here prints a
 * secret: the client secret, database password, masking key and ngrok authtoken are read from the
 * environment or {@code .env} only.
 */
package io.portkit.examples.cli;
