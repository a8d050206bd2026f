/**
 * Port credentials and access tokens: {@link io.portkit.client.auth.ClientCredentials}, {@link
 * io.portkit.client.auth.AccessToken} and the single-flight {@link
 * io.portkit.client.auth.CachingTokenSource}.
 *
 * <p>Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package io.portkit.client.auth;

import org.jspecify.annotations.NullMarked;
