package dev.ecsbluegreen.operator.taskdef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.operator.api.v1alpha1.TaskDefinitionTemplate.ContainerChange;
import dev.ecsbluegreen.operator.errors.InvalidReleaseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a template's container changes to a base revision in RegisterTaskDefinition form (pure):
 * the image is replaced, environment variables named in the spec are set (spec wins), all others
 * are kept in their order, new ones are appended sorted by name.
 */
public final class TemplateMerge {

  private TemplateMerge() {}

  /**
   * The merged request; the base is not modified.
   *
   * @param baseArn the base revision, for error messages
   */
  public static ObjectNode apply(ObjectNode base, List<ContainerChange> changes, String baseArn) {
    ObjectNode merged = base.deepCopy();
    JsonNode containers = merged.path("containerDefinitions");
    for (ContainerChange change : changes) {
      ObjectNode container = find(containers, change.name());
      if (container == null) {
        throw new InvalidReleaseException(
            "Container %s is not in the base task definition %s; its containers are %s"
                .formatted(change.name(), baseArn, names(containers)),
            null,
            null);
      }
      if (change.image() != null) {
        container.put("image", change.image());
      }
      if (change.environment() != null && !change.environment().isEmpty()) {
        mergeEnvironment(container, change.environment());
      }
    }
    return merged;
  }

  private static void mergeEnvironment(ObjectNode container, Map<String, String> wanted) {
    Map<String, String> remaining = new TreeMap<>(wanted);
    ArrayNode environment =
        container.path("environment").isArray()
            ? (ArrayNode) container.get("environment")
            : container.putArray("environment");
    for (JsonNode variable : environment) {
      String name = variable.path("name").asText(null);
      if (name != null && remaining.containsKey(name) && variable.isObject()) {
        ((ObjectNode) variable).put("value", remaining.remove(name));
      }
    }
    remaining.forEach(
        (name, value) -> environment.addObject().put("name", name).put("value", value));
  }

  private static ObjectNode find(JsonNode containers, String name) {
    for (JsonNode container : containers) {
      if (container.isObject() && name.equals(container.path("name").asText(null))) {
        return (ObjectNode) container;
      }
    }
    return null;
  }

  private static List<String> names(JsonNode containers) {
    List<String> names = new ArrayList<>();
    containers.forEach(c -> names.add(c.path("name").asText()));
    return names;
  }
}
