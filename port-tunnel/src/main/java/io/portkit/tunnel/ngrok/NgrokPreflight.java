package io.portkit.tunnel.ngrok;

import com.ngrok.Session;
import io.portkit.tunnel.TunnelException;
import io.portkit.tunnel.TunnelException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before connecting, that ngrok's native library for this OS and CPU is on the classpath,
 * and names the exact dependency to add when it is not.
 *
 * <p>{@code com.ngrok:ngrok-java} is only an API; {@code Session.connect} loads {@value
 * #NATIVE_SESSION_CLASS} from {@code com.ngrok:ngrok-java-native:<version>:<classifier>}, which
 * otherwise fails as a bare {@code RuntimeException(ClassNotFoundException)}. The check looks the
 * class and the {@code libngrok_java} resource up without running static initialisers, so it never
 * loads native code. Stateless and thread-safe.
 */
public final class NgrokPreflight {
  /** The class that the native jar provides. */
  public static final String NATIVE_SESSION_CLASS = "com.ngrok.NativeSession";

  private static final String FALLBACK_VERSION = "1.0.1";
  private static final String API_POM_PROPERTIES =
      "META-INF/maven/com.ngrok/ngrok-java/pom.properties";
  private static final String NATIVE_PROPERTIES = "native.properties";

  private NgrokPreflight() {}

  /**
   * Fails with an explanation unless ngrok's native library for this platform is loadable.
   *
   * @throws TunnelException with {@link Reason#NATIVE_LIBRARY_MISSING} or {@link
   *     Reason#NATIVE_LIBRARY_WRONG_PLATFORM}
   */
  public static void checkNativeLibrary() {
    checkNativeLibrary(Session.class.getClassLoader(), platformClassifier());
  }

  /** Like {@link #checkNativeLibrary()}, for a given class loader and expected classifier. */
  static void checkNativeLibrary(ClassLoader loader, String classifier) {
    Objects.requireNonNull(loader, "loader == null");
    try {
      Class.forName(NATIVE_SESSION_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new TunnelException(Reason.NATIVE_LIBRARY_MISSING, missingMessage(classifier));
    }
    String built = builtClassifier(loader);
    if (built != null && !built.equals(classifier)) {
      throw new TunnelException(
          Reason.NATIVE_LIBRARY_WRONG_PLATFORM,
          "ngrok's native library is for another platform: the classpath has "
              + coordinate(built)
              + " but this OS and CPU need the classifier "
              + classifier
              + "; replace it with "
              + coordinate(classifier));
    }
    String library = libraryFileName(classifier);
    if (library != null && loader.getResource(library) == null) {
      throw new TunnelException(
          Reason.NATIVE_LIBRARY_WRONG_PLATFORM,
          "ngrok's native jar has no "
              + library
              + " for this platform: use "
              + coordinate(classifier)
              + ", the classifier for this OS and CPU");
    }
  }

  /** Returns the message for a missing native jar; shared with connect-time failures. */
  static String missingMessage(String classifier) {
    return "ngrok's native library is missing: only the API jar com.ngrok:ngrok-java is on the"
        + " classpath (class "
        + NATIVE_SESSION_CLASS
        + " not found). Add the dependency "
        + coordinate(classifier)
        + " (the classifier for this OS and CPU), for example with"
        + " mvn -Pngrok in portkit's examples module";
  }

  /**
   * Returns the os-maven-plugin style classifier for this JVM, for example {@code linux-x86_64},
   * {@code osx-aarch_64} or {@code windows-x86_64}.
   */
  public static String platformClassifier() {
    return classifier(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** Maps {@code os.name} and {@code os.arch} to a classifier, as os-maven-plugin does. */
  static String classifier(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String family;
    if (os.startsWith("linux")) {
      family = "linux";
    } else if (os.startsWith("mac") || os.startsWith("osx") || os.startsWith("darwin")) {
      family = "osx";
    } else if (os.startsWith("windows")) {
      family = "windows";
    } else {
      family = os.replaceAll("[^a-z0-9]+", "");
    }
    String arch = osArch.toLowerCase(Locale.ROOT);
    switch (arch) {
      case "amd64":
      case "x86_64":
      case "x64":
      case "em64t":
        arch = "x86_64";
        break;
      case "aarch64":
      case "arm64":
        arch = "aarch_64";
        break;
      case "x86":
      case "i386":
      case "i486":
      case "i586":
      case "i686":
      case "ia32":
      case "x32":
        arch = "x86_32";
        break;
      default:
        arch = arch.replaceAll("[^a-z0-9_]+", "");
    }
    return family + "-" + arch;
  }

  /** Returns the Maven coordinate of the native jar for {@code classifier}. */
  public static String coordinate(String classifier) {
    return "com.ngrok:ngrok-java-native:" + ngrokVersion() + ":" + classifier;
  }

  /** Returns the version of the ngrok-java API jar on the classpath (the native jar must match). */
  public static String ngrokVersion() {
    String version = readProperty(Session.class.getClassLoader(), API_POM_PROPERTIES, "version");
    return version == null ? FALLBACK_VERSION : version;
  }

  /** Returns the classifier recorded in the native jar's {@code native.properties}, if any. */
  private static String builtClassifier(ClassLoader loader) {
    String value = readProperty(loader, NATIVE_PROPERTIES, "agent.classifier");
    // An unfiltered placeholder says nothing about the platform.
    return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
  }

  private static @Nullable String libraryFileName(String classifier) {
    if (classifier.startsWith("linux-")) {
      return "libngrok_java.so";
    } else if (classifier.startsWith("osx-")) {
      return "libngrok_java.dylib";
    } else if (classifier.startsWith("windows-")) {
      return "ngrok_java.dll";
    }
    return null;
  }

  private static @Nullable String readProperty(ClassLoader loader, String resource, String key) {
    if (loader == null) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
    }
  }
}
