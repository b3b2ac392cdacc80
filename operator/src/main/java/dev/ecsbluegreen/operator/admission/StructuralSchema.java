package dev.ecsbluegreen.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two things the API server does to an object before validating it: pruning fields the schema
 * does not declare, and filling in {@code default:} values of absent fields.
 */
final class StructuralSchema {
  /** The API server keeps these at the root even though the CRD schema does not declare them. */
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private StructuralSchema() {}

  /** Removes undeclared fields from {@code object} and returns their paths. */
  static List<String> prune(JsonNode schema, ObjectNode object) {
    List<String> pruned = new ArrayList<>();
    pruneObject(schema, object, "", pruned, true);
    return pruned;
  }

  private static void prune(JsonNode schema, JsonNode value, String path, List<String> pruned) {
    if (value instanceof ObjectNode object) {
      pruneObject(schema, object, path, pruned, false);
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      for (int i = 0; i < array.size(); i++) {
        prune(schema.get("items"), array.get(i), FieldPath.index(path, i), pruned);
      }
    }
  }

  private static void pruneObject(
      JsonNode schema, ObjectNode object, String path, List<String> pruned, boolean root) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      String name = field.getKey();
      if (properties.has(name)) {
        prune(properties.get(name), field.getValue(), FieldPath.child(path, name), pruned);
      } else if (additional != null && additional.isObject()) {
        prune(additional, field.getValue(), FieldPath.key(path, name), pruned);
      } else if (!preserve && !(root && ROOT_FIELDS.contains(name))) {
        pruned.add(FieldPath.child(path, name));
        fields.remove();
      }
    }
  }

  /** Sets the schema's default on every absent field whose parent object is present. */
  static void applyDefaults(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      schema
          .path("properties")
          .fields()
          .forEachRemaining(
              property -> {
                JsonNode propertySchema = property.getValue();
                if (!object.has(property.getKey()) && propertySchema.has("default")) {
                  object.set(property.getKey(), propertySchema.get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                  applyDefaults(propertySchema, object.get(property.getKey()));
                }
              });
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        object.forEach(entry -> applyDefaults(additional, entry));
      }
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      array.forEach(item -> applyDefaults(schema.get("items"), item));
    }
  }
}
