/**
 * Port credentials and access tokens: {@link io.portkit.client.auth.ClientCredentials}, {@link
 * io.portkit.client.auth.AccessToken} and the single-flight {@link
 * io.portkit.client.auth.CachingTokenSource}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package io.portkit.client.auth;
