package io.portkit.client.auth;

/**
 * Supplies the access token for Port API calls.
 *
 * <p>Implementations must be thread-safe. {@link CachingTokenSource} is the one {@code PortClient}
 * uses; tests may implement it directly to supply fixed tokens.
 */
public interface TokenSource {
  /**
   * Returns a token that is usable now, fetching one if needed.
   *
   * @throws io.portkit.client.PortException if no token could be obtained
   */
  AccessToken token();

  /**
   * Called after Port answered 401 to a request sent with {@code rejected}: returns a different
   * token to replay with, or the same one if Port re-issued it (the caller then gives up rather
   * than loop).
   *
   * @param rejected the token Port refused
   * @throws io.portkit.client.PortException if no token could be obtained
   */
  AccessToken refreshAfterRejection(AccessToken rejected);
}
