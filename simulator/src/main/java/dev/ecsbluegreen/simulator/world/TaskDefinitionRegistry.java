package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** ECS task definitions: revisions numbered per family from 1, looked up the ways ECS allows. */
public final class TaskDefinitionRegistry {

  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private final Map<String, List<TaskDefinition>> families = new TreeMap<>();
  private final Arns arns;

  TaskDefinitionRegistry(Arns arns) {
    this.arns = arns;
  }

  public TaskDefinition register(String family, ObjectNode definition, ArrayNode tags, Instant at) {
    if (family == null || !FAMILY.matcher(family).matches()) {
      throw AwsException.client(
          "ClientException",
          "Family contains invalid characters or is too long: up to 255 letters (uppercase and"
              + " lowercase), numbers, hyphens, and underscores are allowed.");
    }
    List<TaskDefinition> revisions = families.computeIfAbsent(family, f -> new ArrayList<>());
    int revision = revisions.size() + 1;
    var registered =
        new TaskDefinition(
            family, revision, arns.taskDefinition(family, revision), definition, tags, at);
    revisions.add(registered);
    return registered;
  }

  /**
   * Resolves {@code family} (latest ACTIVE revision), {@code family:revision} or a full ARN, as
   * DescribeTaskDefinition does.
   */
  public TaskDefinition resolve(String reference) {
    if (reference == null || reference.isBlank()) {
      throw AwsException.client("ClientException", "TaskDefinition cannot be empty.");
    }
    String ref = reference;
    int slash = ref.indexOf(":task-definition/");
    if (ref.startsWith("arn:")) {
      if (slash < 0) {
        throw unableToDescribe();
      }
      ref = ref.substring(slash + ":task-definition/".length());
    }
    int colon = ref.lastIndexOf(':');
    String family = colon < 0 ? ref : ref.substring(0, colon);
    List<TaskDefinition> revisions = families.get(family);
    if (revisions == null) {
      throw unableToDescribe();
    }
    if (colon < 0) {
      for (int i = revisions.size() - 1; i >= 0; i--) {
        if ("ACTIVE".equals(revisions.get(i).status())) {
          return revisions.get(i);
        }
      }
      throw unableToDescribe();
    }
    try {
      int revision = Integer.parseInt(ref.substring(colon + 1));
      if (revision < 1 || revision > revisions.size()) {
        throw unableToDescribe();
      }
      return revisions.get(revision - 1);
    } catch (NumberFormatException e) {
      throw unableToDescribe();
    }
  }

  /** Task definitions in the ECS ListTaskDefinitions order: family, then revision. */
  public List<TaskDefinition> list(String family, String status, boolean descending) {
    var matching = new ArrayList<TaskDefinition>();
    families.forEach(
        (name, revisions) -> {
          if (family == null || family.equals(name)) {
            revisions.stream().filter(td -> td.status().equals(status)).forEach(matching::add);
          }
        });
    Comparator<TaskDefinition> order =
        Comparator.comparing(TaskDefinition::family).thenComparingInt(TaskDefinition::revision);
    matching.sort(descending ? order.reversed() : order);
    return matching;
  }

  public void deregister(TaskDefinition taskDefinition, Instant at) {
    taskDefinition.deregister(at);
  }

  private static AwsException unableToDescribe() {
    return AwsException.client("ClientException", "Unable to describe task definition.");
  }
}
