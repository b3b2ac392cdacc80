package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field selector `kubectl describe` puts on its event query (involvedObject.name=…,
 * involvedObject.kind=…): the mock server ignores it, so describe would show no events at all.
 */
final class EventSelector {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> required;

  private EventSelector(Map<String, String> required) {
    this.required = required;
  }

  /** The selector of a query string, or null when it has none to apply. */
  static EventSelector of(String query) {
    var required = new LinkedHashMap<String, String>();
    for (var parameter : query.split("&")) {
      if (!parameter.startsWith("fieldSelector=")) {
        continue;
      }
      var selector = URLDecoder.decode(parameter.substring(14), StandardCharsets.UTF_8);
      for (var term : selector.split(",")) {
        var equals = term.indexOf('=');
        if (equals > 0) {
          required.put(term.substring(0, equals), term.substring(equals + 1).replace("==", ""));
        }
      }
    }
    return required.isEmpty() ? null : new EventSelector(required);
  }

  /** The stored event list with only the events the selector matches. */
  ObjectNode filter(JsonNode list) {
    var filtered = ((ObjectNode) list).deepCopy();
    var items = filtered.putArray("items");
    for (JsonNode event : list.path("items")) {
      if (matches(event)) {
        items.add(event);
      }
    }
    return filtered;
  }

  private boolean matches(JsonNode event) {
    return required.entrySet().stream()
        .allMatch(
            e -> ServerSideTables.valueAt(event, "." + e.getKey()).asText().equals(e.getValue()));
  }

  static ObjectNode emptyList() {
    return JSON.createObjectNode().put("kind", "EventList").put("apiVersion", "v1");
  }
}
