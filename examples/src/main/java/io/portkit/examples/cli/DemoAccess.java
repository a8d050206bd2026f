package io.portkit.examples.cli;

import io.portkit.testkit.PortEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Lets a person trigger more demo runs from another terminal: writes the emulator's URL and
 * credentials to {@code portkit-data/demo.env} (owner-only where the file system allows) and prints
 * commands that read it, so the secret is never printed.
 */
final class DemoAccess {
  static final String FILE = "portkit-data/demo.env";

  private DemoAccess() {}

  static void printHowToTriggerMore(PortEmulator emulator, CliEnvironment env, PrintStream out) {
    Path file = env.workingDir().resolve(FILE);
    write(
        file,
        "# Written by `portkit demo`: the running demo emulator. Do not commit.\n"
            + Settings.API_URL
            + "="
            + emulator.baseUri()
            + "\n"
            + Settings.CLIENT_ID
            + "="
            + emulator.clientId()
            + "\n"
            + Settings.CLIENT_SECRET
            + "="
            + emulator.clientSecret()
            + "\n");
    String cli = "java -jar examples/target/port-examples.jar --env-file " + FILE;
    out.println();
    out.println(
        "The demo keeps serving. Its emulator's credentials are in "
            + FILE
            + "; from another terminal (same directory):");
    out.println("  " + cli + " trigger provision_environment --input name=dev --wait");
    out.println(
        "  "
            + cli
            + " trigger grant_temporary_access --input ip=198.51.100.4"
            + " --input duration_minutes=5 --wait");
    out.println("  " + cli + " trigger create_anonymized_db_copy --input tables=customers --wait");
    out.println("  " + cli + " run RUN_ID");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
