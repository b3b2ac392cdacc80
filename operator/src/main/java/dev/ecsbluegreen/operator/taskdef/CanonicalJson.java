package dev.ecsbluegreen.operator.taskdef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.aws.AppSpecRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A canonical form of a task definition request for comparing and hashing: object keys sorted,
 * nulls and empty lists or objects left out (ECS treats them as absent and echoes some of them
 * back), list order kept (it matters for containers, commands and environment).
 */
public final class CanonicalJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CanonicalJson() {}

  /** The canonical JSON text. */
  public static String of(JsonNode node) {
    JsonNode canonical = canonical(node);
    try {
      return JSON.writeValueAsString(canonical == null ? JSON.nullNode() : canonical);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** Lower-case hex SHA-256 of the canonical JSON's UTF-8 bytes. */
  public static String hash(JsonNode node) {
    return AppSpecRenderer.sha256(of(node));
  }

  private static JsonNode canonical(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode out = JSON.createObjectNode();
      for (String name : names) {
        JsonNode value = canonical(node.get(name));
        if (value != null) {
          out.set(name, value);
        }
      }
      return out.isEmpty() ? null : out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      for (JsonNode element : node) {
        JsonNode value = canonical(element);
        out.add(value == null ? JSON.nullNode() : value);
      }
      return out.isEmpty() ? null : out;
    }
    return node;
  }
}
