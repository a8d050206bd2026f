package io.portkit.backend.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.portkit.backend.dispatch.RunDispatcher;
import io.portkit.client.PortClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Handlers, their Port calls, the journal and the dispatcher's bookkeeping run on virtual threads
 * on Java 21+, where a monitor ({@code synchronized}) held while blocking pins the carrier thread
 * on Java 21 to 23: with as many carriers as cores, a few handlers waiting on Port stall every
 * other run. So port-client and port-backend hold no monitor at all; their locks come from {@code
 * java.util.concurrent.locks}. Checked on the compiled classes with {@code javap}: a {@code
 * synchronized} block compiles to {@code monitorenter}, a {@code synchronized} method carries the
 * flag. The scenario itself, on a one-carrier scheduler, is {@code OneCarrierTest}.
 */
class NoMonitorsTest {
  // A member declaration: two spaces of indent (code lines have more), no comment.
  private static final Pattern SYNCHRONIZED_METHOD =
      Pattern.compile("^  (?:[^ /][^/]*)?\\bsynchronized\\b[^/]*\\);$", Pattern.MULTILINE);

  @Test
  void portClientAndPortBackend_compileToNoMonitor() throws Exception {
    List<String> found = new ArrayList<>();
    int classes = 0;
    for (Class<?> anchor : List.of(PortClient.class, RunDispatcher.class)) {
      for (Path root : roots(anchor)) {
        List<String> names = classNames(root);
        classes += names.size();
        found.addAll(monitors(root, names));
      }
    }

    assertThat(classes).as("classes scanned").isGreaterThan(100);
    assertThat(found).as("monitors in port-client and port-backend").isEmpty();
  }

  /** Returns the classes directory, or the jar's root, that {@code anchor} was loaded from. */
  private static List<Path> roots(Class<?> anchor) throws Exception {
    URI location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
    Path path = Path.of(location);
    if (Files.isDirectory(path)) {
      return List.of(path);
    }
    FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + location), Map.of());
    return List.of(jar.getPath("/"));
  }

  private static List<String> classNames(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString())
          .filter(n -> !n.endsWith("module-info.class") && !n.startsWith("META-INF"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    }
  }

  private static List<String> monitors(Path root, List<String> names) throws IOException {
    Path classes = root;
    if (!"file".equals(root.toUri().getScheme())) {
      // javap reads a class path from the file system: copy the jar's classes out.
      classes = Files.createTempDirectory("no-monitors");
      for (String name : names) {
        Path target = classes.resolve(name.replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        Files.copy(root.resolve(name.replace('.', '/') + ".class"), target);
      }
    }
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    List<String> found = new ArrayList<>();
    for (String name : names) {
      StringWriter out = new StringWriter();
      int code =
          javap.run(
              new PrintWriter(out),
              new PrintWriter(out),
              "-c",
              "-p",
              "-cp",
              classes.toString(),
              name);
      assertThat(code).as("javap " + name + ": " + out).isZero();
      String text = out.toString();
      if (text.contains("monitorenter")) {
        found.add(name + ": a synchronized block (monitorenter)");
      }
      Matcher m = SYNCHRONIZED_METHOD.matcher(text);
      while (m.find()) {
        found.add(name + ": synchronized method " + m.group().strip());
      }
    }
    return found;
  }
}
