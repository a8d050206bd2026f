package io.portkit.examples.cli;

import io.portkit.backend.journal.JournalException;
import io.portkit.backend.journal.RunJournal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --journal-dir} flag shared by {@code serve} and {@code demo}: where the run journal
 * lives, so runs a killed backend left unfinished are ended when it starts again.
 *
 * <p>Precedence: the flag, then {@value Settings#JOURNAL_DIR}, then the command's default under the
 * working directory. Relative paths are resolved against the working directory.
 */
public final class JournalOptions {
  @Option(
      names = "--journal-dir",
      paramLabel = "DIR",
      description =
          "(default portkit-data/journal) Run journal directory (the demo's default:"
              + " portkit-data/journal-demo); env "
              + Settings.JOURNAL_DIR
              + ".")
  String journalDir;

  /** Creates the options; picocli sets the flag. */
  public JournalOptions() {}

  /** Returns the journal directory, {@code defaultDir} (relative) when nothing is set. */
  Path directory(Settings settings, Path workingDir, String defaultDir) {
    String dir =
        journalDir != null ? journalDir : settings.get(Settings.JOURNAL_DIR).orElse(defaultDir);
    return workingDir.resolve(dir);
  }

  /**
   * Opens the journal.
   *
   * @throws BadSettingException if it cannot be opened, saying which directory and why
   */
  RunJournal open(Settings settings, Path workingDir, String defaultDir) {
    Path dir = directory(settings, workingDir, defaultDir);
    try {
      return RunJournal.open(dir);
    } catch (JournalException e) {
      throw new BadSettingException(
          "--journal-dir / " + Settings.JOURNAL_DIR + ": " + e.getMessage());
    }
  }
}
