package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One registered revision of a task definition family. The definition is kept as the JSON the
 * caller registered (plus the fields ECS computes), because DescribeTaskDefinition echoes it.
 */
public final class TaskDefinition {

  private final String family;
  private final int revision;
  private final String arn;
  private final ObjectNode definition;
  private final ArrayNode tags;
  private final Instant registeredAt;
  private final TaskBehaviour behaviour;
  private String status = "ACTIVE";
  private Instant deregisteredAt;

  TaskDefinition(
      String family,
      int revision,
      String arn,
      ObjectNode definition,
      ArrayNode tags,
      Instant registeredAt) {
    this.family = family;
    this.revision = revision;
    this.arn = arn;
    this.definition = definition;
    this.tags = tags;
    this.registeredAt = registeredAt;
    this.behaviour = TaskBehaviour.fromEnvironment(environmentOf(definition));
  }

  private static Map<String, String> environmentOf(ObjectNode definition) {
    Map<String, String> env = new HashMap<>();
    for (JsonNode container : definition.path("containerDefinitions")) {
      for (JsonNode variable : container.path("environment")) {
        env.put(variable.path("name").asText(), variable.path("value").asText());
      }
    }
    return env;
  }

  public String family() {
    return family;
  }

  public int revision() {
    return revision;
  }

  public String arn() {
    return arn;
  }

  /** The definition as registered, without status fields. Callers must not modify it. */
  public ObjectNode definition() {
    return definition;
  }

  public ArrayNode tags() {
    return tags;
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public TaskBehaviour behaviour() {
    return behaviour;
  }

  public String status() {
    return status;
  }

  public Instant deregisteredAt() {
    return deregisteredAt;
  }

  void deregister(Instant at) {
    status = "INACTIVE";
    deregisteredAt = at;
  }
}
