package dev.ecsbluegreen.operator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures logging from the command line: text for people, JSON (one object per line, MDC
 * included, see {@link JsonLineEncoder}) for log pipelines. JOSDK puts the release's namespace and
 * name in the MDC, and the reconciler adds the deployment id, so every line says which release it
 * is about.
 */
public final class LogSetup {
  // The deployment id follows the release after a space, and only once there is one: %replace
  // drops the lone space an empty id leaves.
  private static final String TEXT_PATTERN =
      "%d{HH:mm:ss.SSS} %-5level %logger{24} [%X{resource.namespace}/%X{resource.name}"
          + "%replace( %X{deploymentId}){'^ $', ''}] %msg%n";

  // java.util.logging keeps loggers weakly: without this reference the level set below is lost as
  // soon as the logger is collected, and the mock server logs every request again.
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private LogSetup() {}

  public static void configure(LogFormat format, Level level) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder(format, context));
    appender.start();
    var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(appender);
    // The mock server logs every request at INFO through java.util.logging.
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
    if (format == LogFormat.json) {
      var json = new JsonLineEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    var text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /** Log output formats. */
  public enum LogFormat {
    text,
    json
  }

  /** The levels --log-level accepts; anything else is refused rather than read as INFO. */
  public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE;

    Level level() {
      return Level.toLevel(name());
    }
  }
}
