package dev.ecsbluegreen.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers for the AWS JSON 1.1 wire format. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** AWS JSON timestamps: epoch seconds as a number, with milliseconds. */
  static DecimalNode timestamp(Instant at) {
    return DecimalNode.valueOf(BigDecimal.valueOf(at.toEpochMilli(), 3));
  }

  static void putTime(ObjectNode node, String field, Instant at) {
    if (at != null) {
      node.set(field, timestamp(at));
    }
  }

  static Instant readTime(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    BigDecimal seconds = node.decimalValue();
    return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
  }

  /** A string member, or null when absent. */
  static String text(JsonNode input, String field) {
    JsonNode value = input.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static String requireText(JsonNode input, String field, String errorCode) {
    String value = text(input, field);
    if (value == null || value.isEmpty()) {
      throw AwsException.client(errorCode, field + " is required");
    }
    return value;
  }

  static Boolean bool(JsonNode input, String field) {
    JsonNode value = input.get(field);
    return value == null || value.isNull() ? null : value.asBoolean();
  }

  static ObjectNode objectOrNull(JsonNode input, String field) {
    JsonNode value = input.get(field);
    return value != null && value.isObject() ? (ObjectNode) value : null;
  }

  static ArrayNode arrayOrEmpty(JsonNode input, String field) {
    JsonNode value = input.get(field);
    return value != null && value.isArray() ? (ArrayNode) value : array();
  }

  static List<String> strings(JsonNode input, String field) {
    List<String> values = new ArrayList<>();
    JsonNode list = input.get(field);
    if (list != null) {
      list.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  static ArrayNode stringArray(Iterable<String> values) {
    ArrayNode array = array();
    values.forEach(array::add);
    return array;
  }
}
