package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.putTime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.Arns;
import dev.ecsbluegreen.simulator.world.EcsService;
import dev.ecsbluegreen.simulator.world.TaskDefinition;
import dev.ecsbluegreen.simulator.world.TaskSet;
import java.time.Instant;

/** Renders ECS resources as the members the ECS API returns. */
final class EcsViews {

  private EcsViews() {}

  static ObjectNode taskDefinition(TaskDefinition td) {
    ObjectNode o = td.definition().deepCopy();
    o.remove("tags");
    o.put("taskDefinitionArn", td.arn());
    o.put("family", td.family());
    o.put("revision", td.revision());
    o.put("status", td.status());
    if (!o.has("containerDefinitions")) {
      o.putArray("containerDefinitions");
    }
    if (!o.has("volumes")) {
      o.putArray("volumes");
    }
    if (!o.has("networkMode")) {
      o.put("networkMode", "bridge");
    }
    if (!o.has("placementConstraints")) {
      o.putArray("placementConstraints");
    }
    var compatibilities = o.putArray("compatibilities");
    compatibilities.add("EC2");
    if ("awsvpc".equals(o.path("networkMode").asText())) {
      compatibilities.add("FARGATE");
    }
    putTime(o, "registeredAt", td.registeredAt());
    putTime(o, "deregisteredAt", td.deregisteredAt());
    return o;
  }

  static ObjectNode service(EcsService s, Instant now, Arns arns) {
    if (s.isEcsControlled()) {
      return EcsDeploymentViews.service(s, now);
    }
    ObjectNode o = Json.object();
    o.put("serviceArn", s.arn());
    o.put("serviceName", s.name());
    o.put("clusterArn", s.clusterArn());
    o.putArray("loadBalancers").add(loadBalancer(s));
    o.putArray("serviceRegistries");
    o.put("status", "ACTIVE");
    o.put("desiredCount", s.desiredCount());
    TaskSet primary = s.primary().orElse(null);
    int running = primary == null ? 0 : primary.runningCount(now);
    o.put("runningCount", running);
    o.put("pendingCount", primary == null ? 0 : primary.desiredCount() - running);
    o.put("launchType", "FARGATE");
    o.put("platformVersion", "LATEST");
    if (primary != null) {
      o.put("taskDefinition", primary.taskDefinition().arn());
    }
    o.putObject("deploymentController").put("type", "CODE_DEPLOY");
    var taskSets = o.putArray("taskSets");
    for (TaskSet ts : s.taskSets()) {
      taskSets.add(taskSet(s, ts, now, arns));
    }
    o.putArray("deployments");
    o.putArray("events");
    putTime(o, "createdAt", s.createdAt());
    o.put("schedulingStrategy", "REPLICA");
    o.put("enableECSManagedTags", false);
    o.put("propagateTags", "NONE");
    o.put("enableExecuteCommand", false);
    return o;
  }

  private static ObjectNode loadBalancer(EcsService s) {
    ObjectNode lb = Json.object();
    lb.put("targetGroupArn", s.targetGroupArn());
    lb.put("containerName", s.containerName());
    lb.put("containerPort", s.containerPort());
    return lb;
  }

  static ObjectNode taskSet(EcsService s, TaskSet ts, Instant now, Arns arns) {
    ObjectNode o = Json.object();
    o.put("id", ts.id());
    o.put("taskSetArn", ts.arn());
    o.put("serviceArn", s.arn());
    o.put("clusterArn", s.clusterArn());
    if (ts.externalId() != null) {
      o.put("startedBy", "CODE_DEPLOY");
      o.put("externalId", ts.externalId());
    }
    o.put("status", ts.status());
    o.put("taskDefinition", ts.taskDefinition().arn());
    o.put("computedDesiredCount", ts.desiredCount());
    int running = ts.runningCount(now);
    o.put("pendingCount", ts.desiredCount() - running);
    o.put("runningCount", running);
    putTime(o, "createdAt", ts.createdAt());
    putTime(o, "updatedAt", ts.updatedAt());
    o.put("launchType", "FARGATE");
    o.put("platformVersion", "1.4.0");
    ObjectNode lb = o.putArray("loadBalancers").addObject();
    lb.put("targetGroupArn", arns.targetGroup(ts.targetGroupName()));
    lb.put("containerName", s.containerName());
    lb.put("containerPort", s.containerPort());
    o.putObject("scale").put("value", 100.0).put("unit", "PERCENT");
    boolean steady = ts.isRunningAt(now);
    o.put("stabilityStatus", steady ? "STEADY_STATE" : "STABILIZING");
    putTime(o, "stabilityStatusAt", steady ? ts.readyAt() : ts.createdAt());
    return o;
  }
}
