/** The README quickstart: the smallest complete Port backend, run by a test on every build. */
@NullMarked
package io.portkit.examples.quickstart;

import org.jspecify.annotations.NullMarked;
