package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A CodeDeploy application and its deployment groups. */
public final class Application {

  private final String name;
  private final String id;
  private final String computePlatform;
  private final Instant createTime;
  private final Map<String, DeploymentGroup> groups = new LinkedHashMap<>();
  private final Tags tags;

  Application(String name, String id, String computePlatform, Instant createTime, ArrayNode tags) {
    this.name = name;
    this.id = id;
    this.computePlatform = computePlatform;
    this.createTime = createTime;
    this.tags = new Tags(tags);
  }

  public String name() {
    return name;
  }

  public String id() {
    return id;
  }

  public String computePlatform() {
    return computePlatform;
  }

  public Instant createTime() {
    return createTime;
  }

  public Map<String, DeploymentGroup> groups() {
    return groups;
  }

  public Tags tags() {
    return tags;
  }
}
