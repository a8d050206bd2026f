package io.portkit.examples.allowlist;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IP allowlist whose entries expire: {@link #grant} adds an address or range to an nginx
 * snippet, {@link #revoke} removes one when Port's timer says it expired, and {@link #expireDue}
 * removes the entries whose time is up (the local fallback). An entry is removed once, by whichever
 * comes first.
 *
 * <p>Entries are persisted in a JSON state file beside the snippet and re-read by {@link
 * Builder#build()}, so a restart forgets nothing. Both files are replaced atomically on every
 * change. Thread-safe: grants and expiries from several runs are serialized.
 *
 * <pre>{@code
 * TemporaryAllowlist allowlist = TemporaryAllowlist.builder()
 *     .snippetFile(Path.of("/etc/nginx/portkit-allow.conf")).clock(clock).build();
 * TemporaryAccess access = allowlist.grant("203.0.113.7", run.id(), Duration.ofHours(1));
 * }</pre>
 */
public final class TemporaryAllowlist {

  private static final Logger log = LoggerFactory.getLogger(TemporaryAllowlist.class);
  // Run ids end up in a config file comment, so nothing that could start a new nginx directive.
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final Path snippetFile;
  private final Clock clock;
  private final Duration maxDuration;
  private final boolean allowAllAddresses;
  private final AllowlistFiles files;
  private final Object lock = new Object();
  private final Map<String, AllowlistEntry> entries = new LinkedHashMap<>(); // guarded by lock

  private TemporaryAllowlist(Builder b) {
    this.snippetFile = b.snippetFile;
    this.clock = b.clock;
    this.maxDuration = b.maxDuration;
    this.allowAllAddresses = b.allowAllAddresses;
    Path stateFile =
        b.stateFile != null
            ? b.stateFile
            : snippetFile.resolveSibling(snippetFile.getFileName() + ".state.json");
    this.files = new AllowlistFiles(snippetFile, stateFile);
  }

  /**
   * Returns a builder; {@link Builder#snippetFile(Path)} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates {@code ipOrCidr} and allows it for {@code duration}; granting the same range again
   * for the same run replaces the earlier entry (so a retried run does not add a duplicate).
   *
   * @param ipOrCidr the address or range, as the user typed it; may be null (rejected)
   * @param runId the run granting it, letters, digits, {@code _ . -}, at most 100; never null
   * @param duration how long the entry lasts; positive and at most the configured maximum
   * @return what the grant produced, for a {@code temporary_access} entity
   * @throws InvalidIpRangeException if the address or range is not acceptable
   * @throws AllowlistException if the run id or duration is refused or the files cannot be written
   */
  public TemporaryAccess grant(String ipOrCidr, String runId, Duration duration) {
    IpRange range = IpRange.parse(ipOrCidr, allowAllAddresses);
    checkRunId(runId);
    requireNonNull(duration, "duration == null");
    if (duration.isNegative() || duration.isZero() || duration.compareTo(maxDuration) > 0) {
      throw new AllowlistException(
          "access duration must be more than 0 and at most " + maxDuration + ": " + duration);
    }
    String identifier = identifier(range, runId);
    synchronized (lock) {
      Instant now = clock.instant();
      AllowlistEntry entry =
          new AllowlistEntry(identifier, range.toString(), runId, now, now.plus(duration));
      Map<String, AllowlistEntry> next = new LinkedHashMap<>(entries);
      next.put(identifier, entry);
      files.write(List.copyOf(next.values()));
      entries.put(identifier, entry);
      log.info("allowed {} for run {} until {}", entry.range(), runId, entry.expiresAt());
      return new TemporaryAccess(identifier, entry.range(), runId, entry.expiresAt(), snippetFile);
    }
  }

  /**
   * Removes every entry whose expiry is at or before the clock's current time and rewrites the
   * files if any was removed.
   *
   * @return the removed entries; empty if none was due
   * @throws AllowlistException if the files cannot be written; the entries are then kept
   */
  public List<AllowlistEntry> expireDue() {
    return expireDue(Duration.ZERO);
  }

  /**
   * Removes every entry that expired at least {@code grace} ago and rewrites the files if any was
   * removed: the local fallback leaves {@code grace} for Port's timer automation to {@link #revoke}
   * the entry first.
   *
   * @param grace how long after its expiry an entry is left alone; zero or positive; never null
   * @return the removed entries; empty if none was due
   * @throws AllowlistException if the files cannot be written; the entries are then kept
   */
  public List<AllowlistEntry> expireDue(Duration grace) {
    requireNonNull(grace, "grace == null");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    synchronized (lock) {
      Instant now = clock.instant().minus(grace);
      List<AllowlistEntry> due = new ArrayList<>();
      List<AllowlistEntry> kept = new ArrayList<>();
      for (AllowlistEntry entry : entries.values()) {
        (entry.isExpiredAt(now) ? due : kept).add(entry);
      }
      if (!due.isEmpty()) {
        files.write(kept);
        due.forEach(e -> entries.remove(e.identifier()));
        due.forEach(
            e ->
                log.info(
                    "removed {} of run {}: expired at {} (local expiry)",
                    e.range(),
                    e.runId(),
                    e.expiresAt()));
      }
      return List.copyOf(due);
    }
  }

  /**
   * Removes the entry {@code identifier} if it is still there, whatever its expiry, and rewrites
   * the files: what Port's timer automation calls. Under the same lock as {@link #expireDue}, so of
   * two paths revoking the same entry exactly one gets it; the other gets empty.
   *
   * @param identifier the entry's identifier, which is its {@code temporary_access} entity's
   * @return the removed entry, or empty if there was none (already revoked, or never granted here)
   * @throws AllowlistException if the files cannot be written; the entry is then kept
   */
  public Optional<AllowlistEntry> revoke(String identifier) {
    requireNonNull(identifier, "identifier == null");
    synchronized (lock) {
      AllowlistEntry entry = entries.get(identifier);
      if (entry == null) {
        return Optional.empty();
      }
      Map<String, AllowlistEntry> next = new LinkedHashMap<>(entries);
      next.remove(identifier);
      files.write(List.copyOf(next.values()));
      entries.remove(identifier);
      log.info("revoked {} of run {} (expiry {})", entry.range(), entry.runId(), entry.expiresAt());
      return Optional.of(entry);
    }
  }

  /**
   * Returns the current entries, expired ones included until {@link #expireDue} removes them.
   *
   * @return an unmodifiable snapshot
   */
  public List<AllowlistEntry> entries() {
    synchronized (lock) {
      return List.copyOf(entries.values());
    }
  }

  /**
   * Returns the earliest expiry among the current entries.
   *
   * @return the earliest expiry, or empty when there are no entries
   */
  public Optional<Instant> nextExpiry() {
    synchronized (lock) {
      return entries.values().stream().map(AllowlistEntry::expiresAt).min(Instant::compareTo);
    }
  }

  /**
   * Returns the nginx snippet this allowlist writes.
   *
   * @return the snippet path; never null
   */
  public Path snippetFile() {
    return snippetFile;
  }

  /**
   * Derives the entity identifier for a range granted by a run: {@code access_<range>_<runId>},
   * with every character of the range that is not a letter or digit replaced by {@code -}.
   *
   * @param range the range; never null
   * @param runId the run id; never null
   * @return the identifier, for example {@code access_203-0-113-7_r_abc}
   */
  public static String identifier(IpRange range, String runId) {
    requireNonNull(range, "range == null");
    requireNonNull(runId, "runId == null");
    return "access_" + range.toString().replaceAll("[^A-Za-z0-9]", "-") + "_" + runId;
  }

  private void load() {
    for (AllowlistEntry entry : files.readState()) {
      // The state file is outside our control; re-validate what would reach the nginx config.
      try {
        IpRange.parse(entry.range(), true);
        checkRunId(entry.runId());
      } catch (IllegalArgumentException | AllowlistException e) {
        throw new AllowlistException(
            "allowlist state "
                + files.stateFile()
                + " has an invalid"
                + " entry "
                + entry.identifier()
                + ": "
                + e.getMessage()
                + "; fix or delete the file",
            e);
      }
      entries.put(entry.identifier(), entry);
    }
    files.write(List.copyOf(entries.values()));
  }

  private static void checkRunId(String runId) {
    requireNonNull(runId, "runId == null");
    if (!RUN_ID.matcher(runId).matches()) {
      throw new AllowlistException(
          "invalid run id '" + runId + "': use 1 to 100 letters, digits," + " '_', '.' or '-'");
    }
  }

  /** Configures and builds a {@link TemporaryAllowlist}. Not thread-safe. */
  public static final class Builder {
    private Path snippetFile;
    private Path stateFile;
    private Clock clock = Clock.systemUTC();
    private Duration maxDuration = Duration.ofHours(24);
    private boolean allowAllAddresses;

    private Builder() {}

    /**
     * Sets the nginx snippet to write (required); its directory is created if missing.
     *
     * @param snippetFile the file nginx includes; never null
     * @return this builder
     */
    public Builder snippetFile(Path snippetFile) {
      this.snippetFile = requireNonNull(snippetFile, "snippetFile == null");
      return this;
    }

    /**
     * Sets the JSON state file; defaults to the snippet's name plus {@code .state.json}, beside it.
     *
     * @param stateFile the state file; never null
     * @return this builder
     */
    public Builder stateFile(Path stateFile) {
      this.stateFile = requireNonNull(stateFile, "stateFile == null");
      return this;
    }

    /**
     * Sets the clock that timestamps grants and decides expiry; defaults to the UTC system clock.
     *
     * @param clock the clock; never null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets the longest duration a grant may ask for; defaults to 24 hours.
     *
     * @param maxDuration a positive duration; never null
     * @return this builder
     */
    public Builder maxDuration(Duration maxDuration) {
      requireNonNull(maxDuration, "maxDuration == null");
      if (maxDuration.isNegative() || maxDuration.isZero()) {
        throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
      }
      this.maxDuration = maxDuration;
      return this;
    }

    /**
     * Sets whether {@code 0.0.0.0/0} and {@code ::/0} may be granted; off by default.
     *
     * @param allowAllAddresses true to accept the ranges that match every address
     * @return this builder
     */
    public Builder allowAllAddresses(boolean allowAllAddresses) {
      this.allowAllAddresses = allowAllAddresses;
      return this;
    }

    /**
     * Builds the allowlist, re-reading the state file if it exists and rewriting the snippet from
     * it, so the two agree even after a crash between their writes.
     *
     * @return the allowlist
     * @throws IllegalStateException if no snippet file was set
     * @throws AllowlistException if the state file is unreadable or invalid, or a file cannot be
     *     written
     */
    public TemporaryAllowlist build() {
      if (snippetFile == null) {
        throw new IllegalStateException(
            "snippetFile required: call snippetFile(Path) with the" + " file nginx includes");
      }
      TemporaryAllowlist allowlist = new TemporaryAllowlist(this);
      allowlist.load();
      return allowlist;
    }
  }
}
