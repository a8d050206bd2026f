package io.portkit.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link PortEmulator} for a test class or for each test.
 *
 * <pre>{@code
 * class DeployBackendTest {
 *   @RegisterExtension
 *   static PortEmulatorExtension port = PortEmulatorExtension.perClass();
 *
 *   @Test
 *   void deploy_succeeds(PortEmulator emulator) {   // or port.emulator()
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Per class: one emulator is started before all tests (register it in a {@code static} field)
 * and {@link PortEmulator#reset() reset} after each test, so tests do not see each other's runs.
 * Per test: a new emulator is started before and closed after each test (an instance field works).
 * Test methods may declare a {@link PortEmulator} parameter. Not thread-safe across parallel test
 * classes sharing one instance.
 */
public final class PortEmulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final boolean perClass;
  private final Consumer<PortEmulator.Builder> configuration;
  private PortEmulator emulator;
  private boolean startedForClass;

  private PortEmulatorExtension(boolean perClass, Consumer<PortEmulator.Builder> configuration) {
    this.perClass = perClass;
    this.configuration = configuration;
  }

  /** Returns an extension sharing one default emulator across the test class. */
  public static PortEmulatorExtension perClass() {
    return perClass(builder -> {});
  }

  /**
   * Returns an extension sharing one emulator, configured by {@code configuration}, across the
   * class.
   */
  public static PortEmulatorExtension perClass(Consumer<PortEmulator.Builder> configuration) {
    return new PortEmulatorExtension(
        true, Objects.requireNonNull(configuration, "configuration == null"));
  }

  /** Returns an extension starting a fresh default emulator for each test. */
  public static PortEmulatorExtension perTest() {
    return perTest(builder -> {});
  }

  /**
   * Returns an extension starting a fresh emulator, configured by {@code configuration}, for each
   * test.
   */
  public static PortEmulatorExtension perTest(Consumer<PortEmulator.Builder> configuration) {
    return new PortEmulatorExtension(
        false, Objects.requireNonNull(configuration, "configuration == null"));
  }

  /**
   * Returns the running emulator.
   *
   * @throws IllegalStateException outside a test's lifecycle
   */
  public PortEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException(
          "no emulator is running: use emulator() inside a test, and register "
              + "a perClass() extension in a static field");
    }
    return emulator;
  }

  private PortEmulator startNew() {
    PortEmulator.Builder builder = PortEmulator.builder();
    configuration.accept(builder);
    return builder.start();
  }

  /** Starts the shared emulator of a per-class extension. */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (perClass) {
      emulator = startNew();
      startedForClass = true;
    }
  }

  /** Starts a fresh emulator unless a per-class one is running. */
  @Override
  public void beforeEach(ExtensionContext context) {
    // A perClass extension in an instance field never sees beforeAll: fall back to per test.
    if (!startedForClass) {
      emulator = startNew();
    }
  }

  /** Resets the shared emulator, or closes the per-test one. */
  @Override
  public void afterEach(ExtensionContext context) {
    if (startedForClass) {
      emulator.reset();
    } else if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  /** Closes the shared emulator of a per-class extension. */
  @Override
  public void afterAll(ExtensionContext context) {
    if (startedForClass) {
      emulator.close();
      emulator = null;
      startedForClass = false;
    }
  }

  /** Returns whether the parameter is a {@link PortEmulator}. */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == PortEmulator.class;
  }

  /** Returns the running emulator. */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return emulator();
  }

  @Override
  public String toString() {
    return "PortEmulatorExtension[" + (perClass ? "perClass" : "perTest") + ", " + emulator + "]";
  }
}
