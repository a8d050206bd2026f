/** The HTTP client and sleeper decorators behind {@code PortkitMetrics}. Not API. */
@NullMarked
package io.portkit.micrometer.internal;

import org.jspecify.annotations.NullMarked;
