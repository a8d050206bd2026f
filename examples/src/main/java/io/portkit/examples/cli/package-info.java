/**
 * The examples command line: configuration (environment, then {@code .env}, then flags), the
 * commands ({@code demo}, {@code serve}, {@code simulate}, {@code run}, {@code trigger}, {@code
 * emulator}) and the running backend they share.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}. No class here prints a secret: the
 * client secret, database password, masking key and ngrok authtoken are read from the environment
 * or {@code .env} only.
 */
@NullMarked
package io.portkit.examples.cli;

import org.jspecify.annotations.NullMarked;
