package dev.ecsbluegreen.operator.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One JSON object per log line, for log pipelines: the message as a person reads it (logback's own
 * JSON encoder writes the unformatted template and its arguments apart), the release and deployment
 * id from the MDC under "mdc", and the stack trace as one string under "exception".
 */
final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    var line = JSON.createObjectNode();
    line.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    line.put("message", event.getFormattedMessage());
    var mdc = event.getMDCPropertyMap();
    if (mdc != null && !mdc.isEmpty()) {
      var fields = line.putObject("mdc");
      mdc.forEach(fields::put);
    }
    if (event.getThrowableProxy() != null) {
      line.put("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    try {
      return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // A tree of strings always serialises; this would be a bug in Jackson, not in the event.
      throw new IllegalStateException(e);
    }
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
