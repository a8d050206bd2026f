package io.portkit.spring.boot.test;

import io.portkit.testsupport.CapturedLogs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * This module's SLF4J provider in tests: every line goes to portkit-test-support's secrecy scan, as
 * in every suite, and is kept with a copy of the MDC so a test can assert on the context keys.
 */
public final class MdcCapturingProvider implements SLF4JServiceProvider {
  /** One line and the MDC it was written with. */
  public record Line(String logger, String level, String message, Map<String, String> mdc) {}

  /** Every line written since the JVM started. */
  public static final List<Line> LINES = new CopyOnWriteArrayList<>();

  private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, Capturing::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Creates the provider; SLF4J calls this. */
  public MdcCapturingProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class Capturing extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    Capturing(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable throwable) {
      StringBuilder line = new StringBuilder(MessageFormatter.basicArrayFormat(pattern, args));
      for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
        line.append(t == throwable ? " | " : " | caused by ").append(t);
      }
      CapturedLogs.record(name, level.name(), level.toInt(), line.toString());
      Map<String, String> context = MDC.getCopyOfContextMap();
      LINES.add(
          new Line(name, level.name(), line.toString(), context == null ? Map.of() : context));
    }

    @Override
    public boolean isTraceEnabled() {
      return level(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return level(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    private boolean level(Level level) {
      // Every portkit line is scanned at every level; Spring's own debug lines are too many.
      return name.startsWith("io.portkit") || level.toInt() >= Level.INFO.toInt();
    }
  }
}
