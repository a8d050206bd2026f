package io.portkit.examples.allowlist;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A validated IPv4 or IPv6 address or CIDR range, in canonical form ({@code 203.0.113.7}, {@code
 * 10.0.0.0/8}, {@code 2001:db8::/32}).
 *
 * <p>{@link #parse} accepts only literal addresses: host names are rejected, never looked up. It
 * rejects ranges with host bits set and, unless allowed, the ranges that match every address.
 * Immutable and thread-safe.
 *
 * @param address the network address in canonical form (IPv6 compressed as in RFC 5952); never null
 * @param prefix the CIDR prefix length, 0 to 32 for IPv4 and 0 to 128 for IPv6
 * @param ipv6 whether this is an IPv6 range
 */
public record IpRange(String address, int prefix, boolean ipv6) {

  private static final int MAX_INPUT_LENGTH = 64;
  private static final Pattern IPV4_CHARS = Pattern.compile("[0-9.]+");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code prefix} is out of bounds
   */
  public IpRange {
    requireNonNull(address, "address == null");
    if (prefix < 0 || prefix > (ipv6 ? 128 : 32)) {
      throw new IllegalArgumentException("prefix out of bounds for " + address + ": " + prefix);
    }
  }

  /**
   * Parses a user-given address or range, rejecting the ones that match every address.
   *
   * @param input for example {@code 203.0.113.7}, {@code 198.51.100.0/24} or {@code 2001:db8::/48};
   *     surrounding spaces are ignored; may be null (rejected as empty)
   * @return the range; a single address has the full prefix (32 or 128)
   * @throws InvalidIpRangeException saying why the input is not acceptable
   */
  public static IpRange parse(String input) {
    return parse(input, false);
  }

  /**
   * Parses a user-given address or range.
   *
   * @param input the address or range; may be null (rejected as empty)
   * @param allowAllAddresses whether {@code 0.0.0.0/0} and {@code ::/0} are accepted
   * @return the range
   * @throws InvalidIpRangeException saying why the input is not acceptable
   */
  public static IpRange parse(String input, boolean allowAllAddresses) {
    String text = input == null ? "" : input.strip();
    if (text.isEmpty()) {
      throw new InvalidIpRangeException(
          "IP address is empty: give an IPv4 or IPv6 address such as"
              + " 203.0.113.7 or 2001:db8::1, optionally with a CIDR prefix such as /24");
    }
    if (text.length() > MAX_INPUT_LENGTH) {
      throw new InvalidIpRangeException(
          "IP address is too long ("
              + text.length()
              + " characters): give an IPv4 or IPv6 address, optionally with a CIDR prefix");
    }
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = addressBytes(text, addressText);
    int max = bytes.length * 8;
    int prefix = slash < 0 ? max : prefix(text, text.substring(slash + 1), max);
    byte[] network = network(bytes, prefix);
    if (!java.util.Arrays.equals(bytes, network)) {
      String net = format(network) + "/" + prefix;
      throw new InvalidIpRangeException(
          "'"
              + text
              + "' has host bits set: use "
              + net
              + " to allow that network or "
              + format(bytes)
              + " for the single address");
    }
    if (prefix == 0 && !allowAllAddresses) {
      throw new InvalidIpRangeException(
          "'"
              + text
              + "' is too broad: it allows every "
              + (max == 32 ? "IPv4" : "IPv6")
              + " address; give a narrower range");
    }
    return new IpRange(format(network), prefix, max == 128);
  }

  /**
   * Returns whether this range is one address (prefix 32 for IPv4, 128 for IPv6).
   *
   * @return true for a single address
   */
  public boolean isSingleAddress() {
    return prefix == (ipv6 ? 128 : 32);
  }

  /**
   * Returns the range as nginx and users write it: the bare address for a single address, {@code
   * address/prefix} otherwise.
   *
   * @return the canonical text; parsing it gives an equal range
   */
  @Override
  public String toString() {
    return isSingleAddress() ? address : address + "/" + prefix;
  }

  private static byte[] addressBytes(String text, String address) {
    if (address.indexOf(':') >= 0) {
      return ipv6Bytes(text, address);
    }
    if (IPV4_CHARS.matcher(address).matches()) {
      return ipv4Bytes(text, address);
    }
    throw new InvalidIpRangeException(
        "'"
            + text
            + "' is not an IP address: give a literal IPv4"
            + " or IPv6 address (host names are not looked up)");
  }

  private static byte[] ipv4Bytes(String text, String address) {
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      throw invalidIpv4(text, "it needs 4 numbers 0-255 separated by dots");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (!DIGITS.matcher(part).matches()) {
        throw invalidIpv4(text, "it needs 4 numbers 0-255 separated by dots");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        throw invalidIpv4(text, part + " has a leading zero");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw invalidIpv4(text, value + " is above 255");
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static InvalidIpRangeException invalidIpv4(String text, String why) {
    return new InvalidIpRangeException("'" + text + "' is not a valid IPv4 address: " + why);
  }

  private static byte[] ipv6Bytes(String text, String address) {
    int zone = address.indexOf('%');
    if (zone >= 0) {
      throw new InvalidIpRangeException(
          "'"
              + text
              + "' has a zone ID: remove "
              + address.substring(zone)
              + " and give the address alone");
    }
    // The character check guarantees a literal: InetAddress never resolves a name that starts
    // with a hex digit or ':' and contains ':', it parses it or fails.
    if (!IPV6_CHARS.matcher(address).matches()) {
      throw invalidIpv6(text);
    }
    InetAddress parsed;
    try {
      parsed = InetAddress.getByName(address);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw invalidIpv6(text);
    }
    if (parsed instanceof Inet4Address) {
      throw new InvalidIpRangeException(
          "'"
              + text
              + "' is an IPv4-mapped IPv6 address: give the"
              + " IPv4 address "
              + parsed.getHostAddress()
              + " instead");
    }
    return parsed.getAddress();
  }

  private static InvalidIpRangeException invalidIpv6(String text) {
    return new InvalidIpRangeException(
        "'"
            + text
            + "' is not a valid IPv6 address: use eight"
            + " groups of hex digits separated by ':', with '::' for zeros, such as 2001:db8::1");
  }

  private static int prefix(String text, String prefixText, int max) {
    if (!DIGITS.matcher(prefixText).matches() || Integer.parseInt(prefixText) > max) {
      throw new InvalidIpRangeException(
          "'"
              + text
              + "' has an invalid CIDR prefix: use /0 to /"
              + max
              + " for "
              + (max == 32 ? "IPv4" : "IPv6"));
    }
    return Integer.parseInt(prefixText);
  }

  private static byte[] network(byte[] bytes, int prefix) {
    byte[] network = bytes.clone();
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return network;
  }

  private static String format(byte[] bytes) {
    return bytes.length == 4 ? formatIpv4(bytes) : formatIpv6(bytes);
  }

  private static String formatIpv4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** Formats as RFC 5952 says: lower case, no leading zeros, the longest zero run as '::'. */
  private static String formatIpv6(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not compressed
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = Math.max(i, j);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
