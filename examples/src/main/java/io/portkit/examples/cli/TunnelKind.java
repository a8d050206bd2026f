package io.portkit.examples.cli;

/** How {@code serve} becomes reachable by Port ({@code --tunnel}). */
public enum TunnelKind {
  /** An ngrok tunnel (needs NGROK_AUTHTOKEN and ngrok's native library: {@code -Pngrok}). */
  NGROK,
  /** No tunnel: the receiver is reachable at {@code --public-url} (or only locally). */
  NONE
}
