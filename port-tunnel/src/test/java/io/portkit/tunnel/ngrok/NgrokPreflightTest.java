package io.portkit.tunnel.ngrok;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgrokPreflightTest {
  @TempDir Path dir;

  @Test
  void classifier_commonPlatforms_matchOsMavenPlugin() {
    assertThat(NgrokPreflight.classifier("Linux", "amd64")).isEqualTo("linux-x86_64");
    assertThat(NgrokPreflight.classifier("Linux", "aarch64")).isEqualTo("linux-aarch_64");
    assertThat(NgrokPreflight.classifier("Mac OS X", "aarch64")).isEqualTo("osx-aarch_64");
    assertThat(NgrokPreflight.classifier("Mac OS X", "x86_64")).isEqualTo("osx-x86_64");
    assertThat(NgrokPreflight.classifier("Windows 11", "amd64")).isEqualTo("windows-x86_64");
    assertThat(NgrokPreflight.classifier("Windows 10", "x86")).isEqualTo("windows-x86_32");
  }

  @Test
  void ngrokVersion_apiJarOnClasspath_readsItsVersion() {
    assertThat(NgrokPreflight.ngrokVersion()).isEqualTo("1.0.1");
    assertThat(NgrokPreflight.coordinate("linux-x86_64"))
        .isEqualTo("com.ngrok:ngrok-java-native:1.0.1:linux-x86_64");
  }

  @Test
  void checkNativeLibrary_apiJarOnly_namesNativeJar() {
    assertThatThrownBy(NgrokPreflight::checkNativeLibrary)
        .isInstanceOfSatisfying(
            TunnelException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NATIVE_LIBRARY_MISSING))
        .hasMessageContaining(
            "com.ngrok:ngrok-java-native:1.0.1:"
                + NgrokPreflight.platformClassifier()
                + " (the classifier for this OS and CPU)");
  }

  @Test
  void checkNativeLibrary_nativeJarForThisPlatform_passes() throws IOException {
    try (URLClassLoader loader = nativeJar("linux-x86_64", "libngrok_java.so")) {
      assertThatCode(() -> NgrokPreflight.checkNativeLibrary(loader, "linux-x86_64"))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void checkNativeLibrary_nativeJarForOtherPlatform_namesBothClassifiers() throws IOException {
    try (URLClassLoader loader = nativeJar("osx-aarch_64", "libngrok_java.dylib")) {
      assertThatThrownBy(() -> NgrokPreflight.checkNativeLibrary(loader, "linux-x86_64"))
          .isInstanceOfSatisfying(
              TunnelException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.NATIVE_LIBRARY_WRONG_PLATFORM))
          .hasMessage(
              "ngrok's native library is for another platform: the classpath has"
                  + " com.ngrok:ngrok-java-native:1.0.1:osx-aarch_64 but this OS and CPU need the"
                  + " classifier linux-x86_64; replace it with"
                  + " com.ngrok:ngrok-java-native:1.0.1:linux-x86_64");
    }
  }

  @Test
  void checkNativeLibrary_libraryMissingForThisOs_namesLibraryFile() throws IOException {
    try (URLClassLoader loader = nativeJar(null, "ngrok_java.dll")) {
      assertThatThrownBy(() -> NgrokPreflight.checkNativeLibrary(loader, "linux-x86_64"))
          .isInstanceOf(TunnelException.class)
          .hasMessage(
              "ngrok's native jar has no libngrok_java.so for this platform: use"
                  + " com.ngrok:ngrok-java-native:1.0.1:linux-x86_64, the classifier for this OS and"
                  + " CPU");
    }
  }

  /** Builds a directory shaped like ngrok-java-native: the class, native.properties, a library. */
  private URLClassLoader nativeJar(String builtClassifier, String library) throws IOException {
    Path source = dir.resolve("src/com/ngrok/NativeSession.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package com.ngrok; public class NativeSession {"
            + " static { if (true) throw new IllegalStateException(\"must not initialise\"); } }");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(rc).isZero();
    if (builtClassifier != null) {
      Files.writeString(
          classes.resolve("native.properties"),
          "agent.version=1.0.1\nagent.classifier=" + builtClassifier + "\n",
          UTF_8);
    }
    Files.write(classes.resolve(library), new byte[] {0x7f, 'E', 'L', 'F'});
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
  }
}
