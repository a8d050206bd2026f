/** The token benchmark: token requests made by one cold client under 1,000 concurrent calls. */
@NullMarked
package io.portkit.benchmarks.token;

import org.jspecify.annotations.NullMarked;
