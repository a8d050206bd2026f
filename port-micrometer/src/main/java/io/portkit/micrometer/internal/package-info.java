/** The HTTP client and sleeper decorators behind {@code PortkitMetrics}. Not API. */
package io.portkit.micrometer.internal;
