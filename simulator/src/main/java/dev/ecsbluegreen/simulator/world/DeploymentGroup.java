package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A CodeDeploy deployment group for one ECS service. Its settings are kept as the JSON members the
 * API echoes ({@code deploymentStyle}, {@code loadBalancerInfo}, ...); the accessors read the parts
 * the deployment state machine needs.
 */
public final class DeploymentGroup {

  private final Application application;
  private final String id;
  private final Tags tags;
  private String name;
  private ObjectNode settings;
  private String activeDeploymentId;
  private Deployment lastAttempted;
  private Deployment lastSuccessful;

  DeploymentGroup(
      Application application, String name, String id, ObjectNode settings, ArrayNode tags) {
    this.application = application;
    this.name = name;
    this.id = id;
    this.settings = settings;
    this.tags = new Tags(tags);
  }

  public Application application() {
    return application;
  }

  public String name() {
    return name;
  }

  void rename(String newName) {
    this.name = newName;
  }

  public String id() {
    return id;
  }

  public Tags tags() {
    return tags;
  }

  /** The echoed settings; callers must not modify them. */
  public ObjectNode settings() {
    return settings;
  }

  void replaceSettings(ObjectNode settings) {
    this.settings = settings;
  }

  public String deploymentConfigName() {
    return settings.path("deploymentConfigName").asText("CodeDeployDefault.ECSAllAtOnce");
  }

  public String clusterName() {
    return settings.path("ecsServices").path(0).path("clusterName").asText("default");
  }

  public String serviceName() {
    return settings.path("ecsServices").path(0).path("serviceName").asText(null);
  }

  private JsonNode targetGroupPair() {
    return settings.path("loadBalancerInfo").path("targetGroupPairInfoList").path(0);
  }

  public List<String> targetGroupNames() {
    List<String> names = new ArrayList<>();
    targetGroupPair().path("targetGroups").forEach(tg -> names.add(tg.path("name").asText()));
    return names;
  }

  public String productionListenerArn() {
    return targetGroupPair().path("prodTrafficRoute").path("listenerArns").path(0).asText(null);
  }

  /** The test listener, or null when the group routes no test traffic. */
  public String testListenerArn() {
    return targetGroupPair().path("testTrafficRoute").path("listenerArns").path(0).asText(null);
  }

  public AutoRollback autoRollback() {
    return AutoRollback.from(settings.get("autoRollbackConfiguration"));
  }

  public AlarmSettings alarms() {
    return AlarmSettings.from(settings.get("alarmConfiguration"));
  }

  public String activeDeploymentId() {
    return activeDeploymentId;
  }

  void setActiveDeploymentId(String deploymentId) {
    this.activeDeploymentId = deploymentId;
  }

  public Deployment lastAttempted() {
    return lastAttempted;
  }

  void setLastAttempted(Deployment deployment) {
    this.lastAttempted = deployment;
  }

  public Deployment lastSuccessful() {
    return lastSuccessful;
  }

  void setLastSuccessful(Deployment deployment) {
    this.lastSuccessful = deployment;
  }
}
