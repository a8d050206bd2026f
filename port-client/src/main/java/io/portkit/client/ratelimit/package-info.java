/**
 * Rate-limit awareness: how {@link io.portkit.client.PortClient} shares Port's per-organization
 * request budget across all runs of a process ({@link
 * io.portkit.client.ratelimit.RateLimitStatus}), which calls go first when it runs low ({@link
 * io.portkit.client.ratelimit.CallPriority}) and how long a call may wait for it ({@link
 * io.portkit.client.ratelimit.RateLimitPolicy}).
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client.ratelimit;

import org.jspecify.annotations.NullMarked;
