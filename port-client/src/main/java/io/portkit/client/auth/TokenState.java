package io.portkit.client.auth;

/**
 * Where an {@link AccessToken} is in its life at a given instant, as google-auth defines it.
 *
 * <ul>
 *   <li>{@link #FRESH}: use it.
 *   <li>{@link #STALE}: still usable; one caller fetches a new one while others keep using it.
 *   <li>{@link #EXPIRED}: too close to (or past) expiry to send; callers wait for a new one.
 * </ul>
 */
public enum TokenState {
  /** Far from expiry. */
  FRESH,
  /** Within the refresh margin of expiry but outside the expiry margin. */
  STALE,
  /** Within the expiry margin of expiry, or past it. */
  EXPIRED
}
