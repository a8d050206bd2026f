/**
 * Temporary IP allowlisting: {@link io.portkit.examples.allowlist.IpRange} validates an IP or CIDR,
 * {@link io.portkit.examples.allowlist.TemporaryAllowlist} adds it to an nginx {@code allow}
 * snippet with an expiry persisted beside it; {@link
 * io.portkit.examples.allowlist.TemporaryAllowlist#revoke} removes an entry when Port's timer says
 * it expired, and {@link io.portkit.examples.allowlist.AllowlistExpiryScheduler} removes the ones
 * that event missed, also after a restart. An entry is removed once.
 *
 * <p>Nothing here knows about Port: a handler turns a {@link
 * io.portkit.examples.allowlist.TemporaryAccess} into a {@code temporary_access} entity and an
 * exception message into the run's failure summary.
 */
@NullMarked
package io.portkit.examples.allowlist;

import org.jspecify.annotations.NullMarked;
