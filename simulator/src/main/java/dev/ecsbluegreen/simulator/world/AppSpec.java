package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an ECS AppSpec the simulator acts on. Keys are matched case-insensitively, as the
 * AWS CLI does, since AWS's own examples and reference disagree on their case.
 */
public record AppSpec(
    String taskDefinition, String containerName, int containerPort, Map<String, String> hooks) {

  public static final Set<String> HOOK_EVENTS =
      Set.of(
          "BeforeInstall",
          "AfterInstall",
          "AfterAllowTestTraffic",
          "BeforeAllowTraffic",
          "AfterAllowTraffic");

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses YAML or JSON content; an {@link IllegalArgumentException} says what is wrong. */
  public static AppSpec parse(String content) {
    JsonNode root;
    try {
      String trimmed = content == null ? "" : content.trim();
      root = trimmed.startsWith("{") ? JSON.readTree(trimmed) : YAML.readTree(trimmed);
    } catch (Exception e) {
      throw new IllegalArgumentException("The AppSpec content is neither valid YAML nor JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("The AppSpec content is not an object");
    }
    if (field(root, "version") == null) {
      throw new IllegalArgumentException("The AppSpec has no version");
    }
    JsonNode resources = field(root, "resources");
    if (resources == null || !resources.isArray() || resources.isEmpty()) {
      throw new IllegalArgumentException("The AppSpec has no Resources");
    }
    JsonNode target =
        resources.get(0).elements().hasNext() ? resources.get(0).elements().next() : null;
    JsonNode properties = target == null ? null : field(target, "properties");
    String taskDefinition = text(properties, "taskdefinition");
    JsonNode lb = properties == null ? null : field(properties, "loadbalancerinfo");
    String containerName = text(lb, "containername");
    JsonNode port = lb == null ? null : field(lb, "containerport");
    if (taskDefinition == null
        || containerName == null
        || port == null
        || !port.canConvertToInt()) {
      throw new IllegalArgumentException(
          "The AppSpec TargetService needs Properties.TaskDefinition and"
              + " LoadBalancerInfo.ContainerName/ContainerPort");
    }
    Map<String, String> hooks = new LinkedHashMap<>();
    JsonNode hookList = field(root, "hooks");
    if (hookList != null) {
      for (JsonNode hook : hookList) {
        hook.fields()
            .forEachRemaining(
                e -> {
                  String event = canonicalEvent(e.getKey());
                  if (event == null) {
                    throw new IllegalArgumentException("Unknown lifecycle hook " + e.getKey());
                  }
                  hooks.put(event, e.getValue().asText());
                });
      }
    }
    return new AppSpec(taskDefinition, containerName, port.asInt(), Map.copyOf(hooks));
  }

  private static String canonicalEvent(String key) {
    return HOOK_EVENTS.stream().filter(e -> e.equalsIgnoreCase(key)).findFirst().orElse(null);
  }

  private static JsonNode field(JsonNode node, String lowerName) {
    if (node == null) {
      return null;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.equalsIgnoreCase(lowerName)) {
        return node.get(name);
      }
    }
    return null;
  }

  private static String text(JsonNode node, String lowerName) {
    JsonNode value = field(node, lowerName);
    return value == null || value.isNull() ? null : value.asText();
  }
}
