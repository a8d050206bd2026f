/**
 * Callbacks that complete handed-off runs: {@link io.portkit.backend.callback.HandOffCallback}
 * verifies a request another system signed ({@link io.portkit.backend.callback.CallbackVerifier}:
 * an HMAC-SHA256 header, optionally a timestamp) and turns its body into a completion for {@link
 * io.portkit.backend.dispatch.HandOffs}. Transport neutral: the webhook module hosts it on a path.
 */
@NullMarked
package io.portkit.backend.callback;

import org.jspecify.annotations.NullMarked;
