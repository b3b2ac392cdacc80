package dev.ecsbluegreen.operator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a queue message as an EventBridge envelope carrying a deployment state change ({@code
 * detail.deploymentId}, {@code detail.state}, the envelope's {@code time}). Anything else in the
 * queue, a test message from the console or another rule's events, is unreadable, with the reason.
 */
final class DeploymentEventReader {

  /** A message that is not a deployment state change; {@link #getMessage()} says why. */
  static final class UnreadableEvent extends Exception {
    UnreadableEvent(String reason) {
      super(reason);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeploymentEventReader() {}

  static DeploymentStateChange read(String body) throws UnreadableEvent {
    JsonNode event;
    try {
      event = body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new UnreadableEvent("the body is not JSON");
    }
    if (event == null || !event.isObject()) {
      throw new UnreadableEvent("the body is not a JSON object");
    }
    JsonNode detail = event.path("detail");
    String deploymentId = detail.path("deploymentId").asText("");
    if (deploymentId.isBlank()) {
      throw new UnreadableEvent(
          "it has no detail.deploymentId (detail-type '%s', source '%s')"
              .formatted(event.path("detail-type").asText(""), event.path("source").asText("")));
    }
    return new DeploymentStateChange(
        deploymentId, detail.path("state").asText(""), time(event.path("time").asText("")));
  }

  /** The event's time, or null when it has none or none an instant reads. */
  private static Instant time(String value) {
    try {
      return value.isBlank() ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
