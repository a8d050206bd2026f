package io.portkit.examples.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      203.0.113.7         | 203.0.113.7      | 32  | false
      ' 198.51.100.7 '    | 198.51.100.7     | 32  | false
      0.0.0.0             | 0.0.0.0          | 32  | false
      198.51.100.0/24     | 198.51.100.0/24  | 24  | false
      10.0.0.0/8          | 10.0.0.0/8       | 8   | false
      203.0.113.7/32      | 203.0.113.7      | 32  | false
      2001:db8::1         | 2001:db8::1      | 128 | true
      2001:DB8:0:0:0:0:0:1| 2001:db8::1      | 128 | true
      2001:db8::/32       | 2001:db8::/32    | 32  | true
      ::1                 | ::1              | 128 | true
      2001:db8:0:1:0:0:0:0/64 | 2001:db8:0:1::/64 | 64 | true
      2001:0:0:1:0:0:0:1  | 2001:0:0:1::1    | 128 | true
      2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1 | 128 | true
      """)
  void parse_validInput_givesCanonicalRange(
      String input, String canonical, int prefix, boolean v6) {
    IpRange range = IpRange.parse(input);
    assertThat(range.toString()).isEqualTo(canonical);
    assertThat(range.prefix()).isEqualTo(prefix);
    assertThat(range.ipv6()).isEqualTo(v6);
    assertThat(IpRange.parse(range.toString())).isEqualTo(range);
  }

  @ParameterizedTest(name = "[{index}] '{0}'")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ''              | IP address is empty: give an IPv4 or IPv6 address such as 203.0.113.7 or 2001:db8::1, optionally with a CIDR prefix such as /24
      '   '           | IP address is empty: give an IPv4 or IPv6 address such as 203.0.113.7 or 2001:db8::1, optionally with a CIDR prefix such as /24
      example.com     | 'example.com' is not an IP address: give a literal IPv4 or IPv6 address (host names are not looked up)
      localhost/32    | 'localhost/32' is not an IP address: give a literal IPv4 or IPv6 address (host names are not looked up)
      1.2.3.4; allow all | '1.2.3.4; allow all' is not an IP address: give a literal IPv4 or IPv6 address (host names are not looked up)
      1.2.3           | '1.2.3' is not a valid IPv4 address: it needs 4 numbers 0-255 separated by dots
      1.2.3.4.5       | '1.2.3.4.5' is not a valid IPv4 address: it needs 4 numbers 0-255 separated by dots
      1..3.4          | '1..3.4' is not a valid IPv4 address: it needs 4 numbers 0-255 separated by dots
      256.1.1.1       | '256.1.1.1' is not a valid IPv4 address: 256 is above 255
      010.1.1.1       | '010.1.1.1' is not a valid IPv4 address: 010 has a leading zero
      1.2.3.4/33      | '1.2.3.4/33' has an invalid CIDR prefix: use /0 to /32 for IPv4
      1.2.3.4/        | '1.2.3.4/' has an invalid CIDR prefix: use /0 to /32 for IPv4
      1.2.3.4/-1      | '1.2.3.4/-1' has an invalid CIDR prefix: use /0 to /32 for IPv4
      1.2.3.0/24/8    | '1.2.3.0/24/8' has an invalid CIDR prefix: use /0 to /32 for IPv4
      2001:db8::/129  | '2001:db8::/129' has an invalid CIDR prefix: use /0 to /128 for IPv6
      10.0.0.1/8      | '10.0.0.1/8' has host bits set: use 10.0.0.0/8 to allow that network or 10.0.0.1 for the single address
      2001:db8::1/32  | '2001:db8::1/32' has host bits set: use 2001:db8::/32 to allow that network or 2001:db8::1 for the single address
      0.0.0.0/0       | '0.0.0.0/0' is too broad: it allows every IPv4 address; give a narrower range
      ::/0            | '::/0' is too broad: it allows every IPv6 address; give a narrower range
      2001:db8::g     | '2001:db8::g' is not a valid IPv6 address: use eight groups of hex digits separated by ':', with '::' for zeros, such as 2001:db8::1
      1:2:3:4:5:6:7:8:9 | '1:2:3:4:5:6:7:8:9' is not a valid IPv6 address: use eight groups of hex digits separated by ':', with '::' for zeros, such as 2001:db8::1
      2001:db8:::1    | '2001:db8:::1' is not a valid IPv6 address: use eight groups of hex digits separated by ':', with '::' for zeros, such as 2001:db8::1
      fe80::1%eth0    | 'fe80::1%eth0' has a zone ID: remove %eth0 and give the address alone
      ::ffff:1.2.3.4  | '::ffff:1.2.3.4' is an IPv4-mapped IPv6 address: give the IPv4 address 1.2.3.4 instead
      """)
  void parse_invalidInput_throwsSayingWhy(String input, String message) {
    assertThatThrownBy(() -> IpRange.parse(input))
        .isInstanceOf(InvalidIpRangeException.class)
        .hasMessage(message);
  }

  @Test
  void parse_null_throwsEmpty() {
    assertThatThrownBy(() -> IpRange.parse(null))
        .isInstanceOf(InvalidIpRangeException.class)
        .hasMessageStartingWith("IP address is empty: ");
  }

  @Test
  void parse_tooLong_throwsWithoutEchoingInput() {
    String input = "1".repeat(65);
    assertThatThrownBy(() -> IpRange.parse(input))
        .isInstanceOf(InvalidIpRangeException.class)
        .hasMessage(
            "IP address is too long (65 characters): give an IPv4 or IPv6 address,"
                + " optionally with a CIDR prefix");
  }

  @Test
  void parse_allAddressesExplicitlyAllowed_accepts() {
    assertThat(IpRange.parse("0.0.0.0/0", true).toString()).isEqualTo("0.0.0.0/0");
    assertThat(IpRange.parse("::/0", true).toString()).isEqualTo("::/0");
  }
}
