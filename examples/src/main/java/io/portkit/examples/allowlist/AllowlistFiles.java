package io.portkit.examples.allowlist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Reads the state file and writes state and snippet atomically. Not thread-safe: callers lock. */
final class AllowlistFiles {

  /** The persisted form of the state file. */
  record State(int version, List<AllowlistEntry> entries) {}

  private static final int VERSION = 1;

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private final Path snippetFile;
  private final Path stateFile;

  AllowlistFiles(Path snippetFile, Path stateFile) {
    this.snippetFile = snippetFile;
    this.stateFile = stateFile;
  }

  Path stateFile() {
    return stateFile;
  }

  List<AllowlistEntry> readState() {
    if (!Files.exists(stateFile)) {
      return List.of();
    }
    try {
      State state = json.readValue(stateFile.toFile(), State.class);
      if (state.version() != VERSION || state.entries() == null) {
        throw new AllowlistException(
            "allowlist state "
                + stateFile
                + " has version "
                + state.version()
                + " or no entries; expected version "
                + VERSION
                + ": fix or delete the file");
      }
      return List.copyOf(state.entries());
    } catch (IOException e) {
      throw new AllowlistException(
          "cannot read allowlist state "
              + stateFile
              + ": "
              + e.getMessage()
              + "; fix or delete the file",
          e);
    }
  }

  /** Writes the state first: it is the source of truth, and a restart re-renders the snippet. */
  void write(List<AllowlistEntry> entries) {
    try {
      writeAtomically(stateFile, json.writeValueAsBytes(new State(VERSION, entries)));
      writeAtomically(snippetFile, NginxSnippet.render(entries).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AllowlistException(
          "cannot write allowlist files " + stateFile + " and " + snippetFile + ": " + e, e);
    }
  }

  /** Readers (nginx reload, a restart) see the old file or the new one, never a partial one. */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, content);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
