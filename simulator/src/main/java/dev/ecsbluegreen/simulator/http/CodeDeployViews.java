package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.putTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.Application;
import dev.ecsbluegreen.simulator.world.Deployment;
import dev.ecsbluegreen.simulator.world.DeploymentConfig;
import dev.ecsbluegreen.simulator.world.DeploymentGroup;
import dev.ecsbluegreen.simulator.world.LifecycleEvent;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.TaskSet;
import dev.ecsbluegreen.simulator.world.TrafficRouter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Renders CodeDeploy resources as the members the CodeDeploy API returns. */
final class CodeDeployViews {

  private static final List<String> OVERVIEW =
      List.of("Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Ready");

  /**
   * The deployment group members a Create/UpdateDeploymentGroup sets and GetDeploymentGroup echoes.
   */
  static final List<String> GROUP_SETTINGS =
      List.of(
          "deploymentConfigName",
          "serviceRoleArn",
          "triggerConfigurations",
          "alarmConfiguration",
          "autoRollbackConfiguration",
          "deploymentStyle",
          "blueGreenDeploymentConfiguration",
          "loadBalancerInfo",
          "ecsServices");

  private final SimulatedAws aws;

  CodeDeployViews(SimulatedAws aws) {
    this.aws = aws;
  }

  ObjectNode application(Application a) {
    ObjectNode o = Json.object();
    o.put("applicationId", a.id());
    o.put("applicationName", a.name());
    putTime(o, "createTime", a.createTime());
    o.put("linkedToGitHub", false);
    o.put("computePlatform", a.computePlatform());
    return o;
  }

  ObjectNode deploymentConfig(DeploymentConfig c) {
    ObjectNode o = Json.object();
    o.put("deploymentConfigId", c.id());
    o.put("deploymentConfigName", c.name());
    putTime(o, "createTime", c.createTime());
    o.put("computePlatform", "ECS");
    ObjectNode routing = o.putObject("trafficRoutingConfig");
    routing.put("type", c.routing().type());
    switch (c.routing().type()) {
      case "TimeBasedCanary" ->
          routing
              .putObject("timeBasedCanary")
              .put("canaryPercentage", c.routing().percentage())
              .put("canaryInterval", c.routing().intervalMinutes());
      case "TimeBasedLinear" ->
          routing
              .putObject("timeBasedLinear")
              .put("linearPercentage", c.routing().percentage())
              .put("linearInterval", c.routing().intervalMinutes());
      default -> {}
    }
    return o;
  }

  ObjectNode deploymentGroup(DeploymentGroup g) {
    ObjectNode o = Json.object();
    o.put("applicationName", g.application().name());
    o.put("deploymentGroupId", g.id());
    o.put("deploymentGroupName", g.name());
    for (String field : GROUP_SETTINGS) {
      JsonNode value = g.settings().get(field);
      if (value != null) {
        o.set(field, value.deepCopy());
      }
    }
    if (!o.has("triggerConfigurations")) {
      o.putArray("triggerConfigurations");
    }
    if (!o.has("alarmConfiguration")) {
      o.putObject("alarmConfiguration")
          .put("enabled", false)
          .put("ignorePollAlarmFailure", false)
          .putArray("alarms");
    }
    if (!o.has("autoRollbackConfiguration")) {
      o.putObject("autoRollbackConfiguration").put("enabled", false).putArray("events");
    }
    o.putArray("ec2TagFilters");
    o.putArray("onPremisesInstanceTagFilters");
    o.putArray("autoScalingGroups");
    o.put("outdatedInstancesStrategy", "UPDATE");
    o.put("computePlatform", "ECS");
    Deployment last = g.lastAttempted();
    if (last != null) {
      o.set("targetRevision", last.revision().deepCopy());
      o.set("lastAttemptedDeployment", deploymentSummary(last));
    }
    if (g.lastSuccessful() != null) {
      o.set("lastSuccessfulDeployment", deploymentSummary(g.lastSuccessful()));
    }
    return o;
  }

  private ObjectNode deploymentSummary(Deployment d) {
    ObjectNode o = Json.object();
    o.put("deploymentId", d.id());
    o.put("status", d.status().name());
    d.completeTime().ifPresent(t -> putTime(o, "endTime", t));
    putTime(o, "createTime", d.createTime());
    return o;
  }

  ObjectNode deploymentInfo(Deployment d) {
    ObjectNode o = Json.object();
    o.put("applicationName", d.applicationName());
    o.put("deploymentGroupName", d.groupName());
    o.put("deploymentConfigName", d.configName());
    o.put("deploymentId", d.id());
    if (d.previousRevision() != null) {
      o.set("previousRevision", d.previousRevision().deepCopy());
    }
    if (d.revision() != null) {
      o.set("revision", d.revision().deepCopy());
    }
    o.put("status", d.status().name());
    if (d.errorCode() != null) {
      o.putObject("errorInformation").put("code", d.errorCode()).put("message", d.errorMessage());
    }
    putTime(o, "createTime", d.createTime());
    d.startTime().ifPresent(t -> putTime(o, "startTime", t));
    d.completeTime().ifPresent(t -> putTime(o, "completeTime", t));
    ObjectNode overview = o.putObject("deploymentOverview");
    OVERVIEW.forEach(k -> overview.put(k, k.equals(d.targetStatus()) ? 1L : 0L));
    if (d.description() != null) {
      o.put("description", d.description());
    }
    o.put("creator", d.creator());
    o.put("ignoreApplicationStopFailures", false);
    if (d.autoRollbackJson() != null) {
      o.set("autoRollbackConfiguration", d.autoRollbackJson().deepCopy());
    }
    o.put("updateOutdatedInstancesOnly", false);
    if (d.rollbackDeploymentId() != null
        || d.rollbackOf().isPresent()
        || d.rollbackMessage() != null) {
      ObjectNode rollback = o.putObject("rollbackInfo");
      if (d.rollbackDeploymentId() != null) {
        rollback.put("rollbackDeploymentId", d.rollbackDeploymentId());
      }
      d.rollbackOf().ifPresent(r -> rollback.put("rollbackTriggeringDeploymentId", r.id()));
      if (d.rollbackMessage() != null) {
        rollback.put("rollbackMessage", d.rollbackMessage());
      }
    }
    for (String field :
        List.of("deploymentStyle", "blueGreenDeploymentConfiguration", "loadBalancerInfo")) {
      JsonNode value = d.groupSnapshot().get(field);
      if (value != null) {
        o.set(field, value.deepCopy());
      }
    }
    // AWS leaves this false for ECS deployments (a known AWS bug); so does the simulator.
    o.put("instanceTerminationWaitTimeStarted", false);
    o.put("fileExistsBehavior", "DISALLOW");
    o.putArray("deploymentStatusMessages");
    o.put("computePlatform", "ECS");
    if (d.overrideAlarmJson() != null) {
      o.set("overrideAlarmConfiguration", d.overrideAlarmJson().deepCopy());
    }
    return o;
  }

  ObjectNode deploymentTarget(Deployment d, Instant now) {
    ObjectNode target = Json.object();
    target.put("deploymentTargetType", "ECSTarget");
    ObjectNode ecs = target.putObject("ecsTarget");
    ecs.put("deploymentId", d.id());
    ecs.put("targetId", d.targetId());
    ecs.put("targetArn", aws.arns().service(d.group().clusterName(), d.group().serviceName()));
    putTime(ecs, "lastUpdatedAt", d.lastUpdatedAt());
    ArrayNode events = ecs.putArray("lifecycleEvents");
    for (LifecycleEvent event : d.lifecycleEvents()) {
      ObjectNode e = events.addObject();
      e.put("lifecycleEventName", event.name());
      e.put("status", event.status());
      putTime(e, "startTime", event.startTime());
      putTime(e, "endTime", event.endTime());
      if (event.diagnosticCode() != null) {
        ObjectNode diagnostics = e.putObject("diagnostics");
        diagnostics.put("errorCode", event.diagnosticCode());
        diagnostics.put("scriptName", "");
        diagnostics.put(
            "message", event.diagnosticMessage() == null ? "Succeeded" : event.diagnosticMessage());
        diagnostics.put("logTail", "");
      }
    }
    ecs.put("status", d.targetStatus());
    ArrayNode taskSets = ecs.putArray("taskSetsInfo");
    Map<String, Double> weights = productionWeights(d);
    d.blue()
        .filter(this::stillExists)
        .ifPresent(ts -> taskSets.add(taskSet(ts, "Blue", weights, now)));
    d.green()
        .filter(this::stillExists)
        .ifPresent(ts -> taskSets.add(taskSet(ts, "Green", weights, now)));
    return target;
  }

  private boolean stillExists(TaskSet taskSet) {
    return aws.router().backend(taskSet.targetGroupName()) == taskSet;
  }

  private Map<String, Double> productionWeights(Deployment d) {
    var route = aws.router().route(d.group().productionListenerArn());
    var weights = new java.util.HashMap<String, Double>();
    for (TrafficRouter.WeightedTarget target : route) {
      weights.put(target.targetGroup(), target.weight());
    }
    return weights;
  }

  private ObjectNode taskSet(TaskSet ts, String label, Map<String, Double> weights, Instant now) {
    ObjectNode o = Json.object();
    o.put("identifer", ts.id());
    o.put("desiredCount", (long) ts.desiredCount());
    o.put("pendingCount", (long) (ts.desiredCount() - ts.runningCount(now)));
    o.put("runningCount", (long) ts.runningCount(now));
    o.put("status", ts.status());
    o.put("trafficWeight", weights.getOrDefault(ts.targetGroupName(), 0.0));
    o.putObject("targetGroup").put("name", ts.targetGroupName());
    o.put("taskSetLabel", label);
    return o;
  }

  static ArrayNode tags(Map<String, String> tags) {
    ArrayNode list = Json.array();
    tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
    return list;
  }
}
