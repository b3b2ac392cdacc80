package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the meta.k8s.io/v1 Table answers kubectl asks for, as a real API server would: releases
 * from the CRD's printer columns, events with kubectl's usual columns. Dates become ages.
 */
final class ServerSideTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<CustomResourceColumnDefinition> releaseColumns;
  private final Clock clock;

  ServerSideTables(List<CustomResourceColumnDefinition> releaseColumns, Clock clock) {
    this.releaseColumns = releaseColumns;
    this.clock = clock;
  }

  /** A table of releases from a stored release or list of releases. */
  ObjectNode releases(JsonNode stored) {
    var table = emptyTable();
    var definitions = (ArrayNode) table.get("columnDefinitions");
    definitions.add(column("Name", "string", "name", 0));
    releaseColumns.forEach(
        c -> definitions.add(column(c.getName(), c.getType(), "", orZero(c.getPriority()))));
    addRows(
        table,
        stored,
        item -> {
          var cells = JSON.createArrayNode().add(item.path("metadata").path("name").asText());
          releaseColumns.forEach(c -> cells.add(cell(item, c.getJsonPath(), c.getType())));
          return cells;
        });
    return table;
  }

  /** A table of events from a stored event list, with the columns `kubectl get events` shows. */
  ObjectNode events(JsonNode stored) {
    var table = emptyTable();
    var definitions = (ArrayNode) table.get("columnDefinitions");
    definitions.add(column("Last Seen", "string", "", 0));
    definitions.add(column("Type", "string", "", 0));
    definitions.add(column("Reason", "string", "", 0));
    definitions.add(column("Object", "string", "", 0));
    definitions.add(column("Message", "string", "", 0));
    addRows(
        table,
        stored,
        event -> {
          var involved = event.path("involvedObject");
          return JSON.createArrayNode()
              .add(cell(event, ".lastTimestamp", "date"))
              .add(event.path("type").asText())
              .add(event.path("reason").asText())
              .add(
                  involved.path("kind").asText().toLowerCase()
                      + "/"
                      + involved.path("name").asText())
              .add(event.path("message").asText());
        });
    return table;
  }

  private void addRows(ObjectNode table, JsonNode stored, Function<JsonNode, ArrayNode> cells) {
    var items = stored.has("items") ? stored.get("items") : JSON.createArrayNode().add(stored);
    var rows = (ArrayNode) table.get("rows");
    for (JsonNode item : items) {
      var row = rows.addObject();
      row.set("cells", cells.apply(item));
      var object = row.putObject("object");
      object.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
      object.set("metadata", item.path("metadata"));
    }
  }

  private String cell(JsonNode item, String jsonPath, String type) {
    var value = valueAt(item, jsonPath);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    return "date".equals(type) ? ReleaseRow.age(value.asText(), clock.instant()) : value.asText();
  }

  /** Printer columns use simple paths like .status.traffic.green; that is all this resolves. */
  static JsonNode valueAt(JsonNode item, String jsonPath) {
    var node = item;
    for (var segment : jsonPath.substring(1).split("\\.")) {
      node = node.path(segment);
    }
    return node;
  }

  private static ObjectNode emptyTable() {
    var table = JSON.createObjectNode();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", "");
    table.putArray("columnDefinitions");
    table.putArray("rows");
    return table;
  }

  private static ObjectNode column(String name, String type, String format, int priority) {
    var column = JSON.createObjectNode();
    column.put("name", name).put("type", type).put("format", format).put("description", "");
    column.put("priority", priority);
    return column;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
