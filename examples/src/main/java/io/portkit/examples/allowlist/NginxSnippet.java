package io.portkit.examples.allowlist;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;

/**
 * Renders allowlist entries as an nginx snippet for {@code include} in a {@code server} or {@code
 * location} block: one {@code allow} line per entry, commented with its expiry and run id, then
 * {@code deny all;}.
 *
 * <p>Stateless and thread-safe.
 */
public final class NginxSnippet {

  private static final String HEADER =
      "# Managed by portkit: temporary allowlist, rewritten on every change; do not edit.\n";

  private NginxSnippet() {}

  /**
   * Renders {@code entries}, sorted by expiry then identifier so the file is stable.
   *
   * @param entries the entries; never null; may be empty (the snippet then denies everyone)
   * @return the file content, lines ending in {@code \n}
   */
  public static String render(List<AllowlistEntry> entries) {
    requireNonNull(entries, "entries == null");
    StringBuilder out = new StringBuilder(HEADER);
    entries.stream()
        .sorted(
            Comparator.comparing(AllowlistEntry::expiresAt)
                .thenComparing(AllowlistEntry::identifier))
        .forEach(
            e ->
                out.append("allow ")
                    .append(e.range())
                    .append(";  # expires ")
                    .append(e.expiresAt())
                    .append(", run ")
                    .append(e.runId())
                    .append('\n'));
    return out.append("deny all;\n").toString();
  }
}
