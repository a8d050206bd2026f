package io.portkit.examples.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of the repository that no compiler checks: the module boundaries of ADR 0170, nullness
 * declared on every package, and a tree that stands alone. Reads the sources from the checkout
 * (this module's base directory is {@code examples/}).
 */
class RepositoryRulesTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern HTTP_STATUS =
      Pattern.compile("\\b(?:[1-5]\\d\\d)\\b\\s*(?:,|\\))|\\bhttpStatus\\b|\\bstatusCode\\b");

  @Test
  void everyMainPackage_isNullMarked() {
    List<Path> packages = files("glob:**/src/main/java/**/package-info.java");
    List<String> unmarked =
        packages.stream()
            .filter(p -> !read(p).contains("@NullMarked"))
            .map(Path::toString)
            .collect(Collectors.toList());

    assertThat(packages).hasSizeGreaterThan(30);
    assertThat(unmarked).as("package-info.java without @NullMarked").isEmpty();
  }

  @Test
  void everyMainPackage_hasAPackageInfo() {
    List<String> missing =
        files("glob:**/src/main/java/**/*.java").stream()
            .map(Path::getParent)
            .distinct()
            .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
            .map(Path::toString)
            .collect(Collectors.toList());

    assertThat(missing).as("packages without package-info.java").isEmpty();
  }

  @Test
  void noTransportImportsAnother_andTheCoreImportsNoTransport() {
    assertThat(importsOf("port-kafka", "io.portkit.webhook"))
        .as("port-kafka -> port-webhook")
        .isEmpty();
    assertThat(importsOf("port-backend", "io.portkit.webhook")).as("core -> webhook").isEmpty();
    assertThat(importsOf("port-backend", "io.portkit.kafka")).as("core -> kafka").isEmpty();
    assertThat(importsOf("port-webhook", "io.portkit.kafka")).as("webhook -> kafka").isEmpty();
    assertThat(importsOf("port-client", "io.portkit.backend")).as("client -> core").isEmpty();
  }

  @Test
  void theCoresDispatchTypes_nameNoHttpStatus() {
    List<String> offending =
        files("glob:**/port-backend/src/main/java/io/portkit/backend/dispatch/*.java").stream()
            .filter(p -> HTTP_STATUS.matcher(withoutComments(read(p))).find())
            .map(Path::toString)
            .collect(Collectors.toList());

    assertThat(offending).as("dispatch types mentioning an HTTP status").isEmpty();
  }

  @Test
  void noFile_refersOutsideTheRepository() {
    List<String> offending =
        files("glob:**/*.{java,md,xml,sh,properties,json,yaml,yml}").stream()
            .filter(p -> !p.toString().contains("RepositoryRulesTest"))
            .filter(p -> read(p).matches("(?s).*(\\.\\./shared|port-contract\\.md|anchors\\.md).*"))
            .map(Path::toString)
            .collect(Collectors.toList());

    assertThat(offending).as("files that cite something outside the repository").isEmpty();
  }

  private static List<String> importsOf(String module, String prefix) {
    return files("glob:**/" + module + "/src/main/java/**/*.java").stream()
        .flatMap(
            p ->
                read(p)
                    .lines()
                    .filter(l -> l.startsWith("import " + prefix + "."))
                    .map(l -> p + ": " + l))
        .collect(Collectors.toList());
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }

  private static List<Path> files(String glob) {
    var matcher = ROOT.getFileSystem().getPathMatcher(glob);
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(
              p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(p -> !p.toString().contains("/node_modules/"))
          .filter(Files::isRegularFile)
          .filter(matcher::matches)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
