package io.portkit.examples.allowlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxSnippetTest {

  private static final String HEADER =
      "# Managed by portkit: temporary allowlist, rewritten on every change; do not edit.\n";

  @Test
  void render_noEntries_deniesEveryone() {
    assertThat(NginxSnippet.render(List.of())).isEqualTo(HEADER + "deny all;\n");
  }

  @Test
  void render_sameExpiry_sortsByIdentifier() {
    Instant granted = Instant.parse("2026-01-01T00:00:00Z");
    Instant expiry = Instant.parse("2026-01-01T01:00:00Z");
    String snippet =
        NginxSnippet.render(
            List.of(
                new AllowlistEntry("access_b", "2001:db8::/32", "r_b", granted, expiry),
                new AllowlistEntry("access_a", "10.0.0.0/8", "r_a", granted, expiry)));

    assertThat(snippet)
        .isEqualTo(
            HEADER
                + "allow 10.0.0.0/8;  # expires 2026-01-01T01:00:00Z, run r_a\n"
                + "allow 2001:db8::/32;  # expires 2026-01-01T01:00:00Z, run r_b\n"
                + "deny all;\n");
  }
}
