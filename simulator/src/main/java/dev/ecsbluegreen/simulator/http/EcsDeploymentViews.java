package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.putTime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.DeploymentSettings;
import dev.ecsbluegreen.simulator.world.EcsService;
import dev.ecsbluegreen.simulator.world.HookRun;
import dev.ecsbluegreen.simulator.world.NativeLoadBalancer;
import dev.ecsbluegreen.simulator.world.ServiceDeployment;
import dev.ecsbluegreen.simulator.world.ServiceRevision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders ECS-controller services, service revisions and service deployments as the members of the
 * ECS API's {@code Service}, {@code ServiceRevision}, {@code ServiceDeployment} and {@code
 * ServiceDeploymentBrief} shapes.
 */
final class EcsDeploymentViews {

  private EcsDeploymentViews() {}

  static ObjectNode service(EcsService s, Instant now) {
    ObjectNode o = Json.object();
    o.put("serviceArn", s.arn());
    o.put("serviceName", s.name());
    o.put("clusterArn", s.clusterArn());
    ArrayNode lbs = o.putArray("loadBalancers");
    if (s.nativeLoadBalancer() != null) {
      lbs.add(loadBalancer(s.nativeLoadBalancer()));
    }
    o.putArray("serviceRegistries");
    o.put("status", "ACTIVE");
    o.put("desiredCount", s.desiredCount());
    List<ServiceRevision> current = currentRevisions(s);
    o.put("runningCount", current.stream().mapToInt(r -> r.runningTaskCount(now)).sum());
    o.put("pendingCount", current.stream().mapToInt(r -> r.pendingTaskCount(now)).sum());
    o.put("launchType", "FARGATE");
    o.put("platformVersion", "LATEST");
    o.put("taskDefinition", s.wantedRevision().taskDefinition().arn());
    o.set("deploymentConfiguration", deploymentConfiguration(s.deploymentSettings()));
    o.putObject("deploymentController").put("type", "ECS");
    o.putArray("taskSets");
    ArrayNode deployments = o.putArray("deployments");
    s.activeServiceDeployment()
        .ifPresentOrElse(
            d -> {
              deployments.add(deployment(d, d.target(), "PRIMARY", now));
              d.source()
                  .ifPresent(
                      src -> deployments.add(deployment(deployedBy(s, src), src, "ACTIVE", now)));
            },
            () -> {
              ServiceRevision serving = s.servingRevision();
              deployments.add(deployment(deployedBy(s, serving), serving, "PRIMARY", now));
            });
    o.putArray("events");
    putTime(o, "createdAt", s.createdAt());
    s.currentServiceDeployment().ifPresent(d -> o.put("currentServiceDeployment", d.arn()));
    ArrayNode revisions = o.putArray("currentServiceRevisions");
    for (ServiceRevision r : current) {
      revisions
          .addObject()
          .put("arn", r.arn())
          .put("requestedTaskCount", r.requestedTaskCount())
          .put("runningTaskCount", r.runningTaskCount(now))
          .put("pendingTaskCount", r.pendingTaskCount(now));
    }
    o.put("schedulingStrategy", "REPLICA");
    o.put("enableECSManagedTags", false);
    o.put("propagateTags", "NONE");
    o.put("enableExecuteCommand", false);
    return o;
  }

  /** The revisions with tasks: the serving one, and a deployment's target while it has tasks. */
  private static List<ServiceRevision> currentRevisions(EcsService s) {
    var out = new ArrayList<ServiceRevision>();
    s.revisions().stream().filter(r -> r.tasks() != null).forEach(out::add);
    return out;
  }

  /** The service deployment that brought a revision in. */
  private static ServiceDeployment deployedBy(EcsService s, ServiceRevision revision) {
    return s.serviceDeployments().stream()
        .filter(d -> d.target() == revision)
        .findFirst()
        .orElseThrow();
  }

  /**
   * An entry of the service's {@code deployments} list (what tools read before service deployments
   * existed): the revision's tasks under the id of the deployment that brought it in.
   */
  private static ObjectNode deployment(
      ServiceDeployment d, ServiceRevision revision, String status, Instant now) {
    ObjectNode o = Json.object();
    o.put("id", d.ecsDeploymentId());
    o.put("status", status);
    o.put("taskDefinition", revision.taskDefinition().arn());
    o.put("desiredCount", revision.requestedTaskCount());
    o.put("pendingCount", revision.pendingTaskCount(now));
    o.put("runningCount", revision.runningTaskCount(now));
    o.put("failedTasks", 0);
    putTime(o, "createdAt", revision.createdAt());
    putTime(o, "updatedAt", d.updatedAt());
    o.put("launchType", "FARGATE");
    if (status.equals("PRIMARY")) {
      o.put(
          "rolloutState",
          switch (d.status()) {
            case "SUCCESSFUL" -> "COMPLETED";
            case "PENDING", "IN_PROGRESS" -> "IN_PROGRESS";
            default -> "FAILED";
          });
      if (d.statusReason() != null) {
        o.put("rolloutStateReason", d.statusReason());
      }
    }
    return o;
  }

  static ObjectNode loadBalancer(NativeLoadBalancer lb) {
    ObjectNode o = Json.object();
    o.put("targetGroupArn", lb.targetGroupArn());
    o.put("containerName", lb.containerName());
    o.put("containerPort", lb.containerPort());
    ObjectNode advanced = o.putObject("advancedConfiguration");
    advanced.put("alternateTargetGroupArn", lb.alternateTargetGroupArn());
    advanced.put("productionListenerRule", lb.productionListenerRule());
    if (lb.testListenerRule() != null) {
      advanced.put("testListenerRule", lb.testListenerRule());
    }
    advanced.put("roleArn", lb.roleArn());
    return o;
  }

  static ObjectNode deploymentConfiguration(DeploymentSettings s) {
    ObjectNode o = Json.object();
    o.put("maximumPercent", 200);
    o.put("minimumHealthyPercent", 100);
    o.put("strategy", s.strategy());
    o.put("bakeTimeInMinutes", s.bakeTimeInMinutes());
    ArrayNode hooks = o.putArray("lifecycleHooks");
    for (var h : s.lifecycleHooks()) {
      ObjectNode hook = hooks.addObject();
      hook.put("targetType", h.targetType());
      if (h.hookTargetArn() != null) {
        hook.put("hookTargetArn", h.hookTargetArn());
      }
      if (h.roleArn() != null) {
        hook.put("roleArn", h.roleArn());
      }
      ArrayNode stages = hook.putArray("lifecycleStages");
      h.lifecycleStages().forEach(stages::add);
      if (h.hookDetails() != null) {
        hook.set("hookDetails", h.hookDetails().deepCopy());
      }
      hook.putObject("timeoutConfiguration")
          .put("timeoutInMinutes", h.timeoutInMinutes())
          .put("action", h.timeoutAction());
    }
    if (s.strategy().equals("LINEAR")) {
      o.putObject("linearConfiguration")
          .put("stepPercent", s.stepPercent())
          .put("stepBakeTimeInMinutes", s.stepBakeTimeInMinutes());
    }
    if (s.strategy().equals("CANARY")) {
      o.putObject("canaryConfiguration")
          .put("canaryPercent", s.canaryPercent())
          .put("canaryBakeTimeInMinutes", s.canaryBakeTimeInMinutes());
    }
    ObjectNode alarms = o.putObject("alarms");
    ArrayNode names = alarms.putArray("alarmNames");
    s.alarms().alarmNames().forEach(names::add);
    alarms.put("enable", s.alarms().enable());
    alarms.put("rollback", s.alarms().rollback());
    return o;
  }

  static ObjectNode serviceDeployment(ServiceDeployment d, Instant now) {
    ObjectNode o = brief(d);
    o.remove("targetServiceRevisionArn");
    putTime(o, "stoppedAt", d.stoppedAt());
    putTime(o, "updatedAt", d.updatedAt());
    ArrayNode sources = o.putArray("sourceServiceRevisions");
    d.source()
        .ifPresent(
            s ->
                sources.add(
                    revisionSummary(
                        s, now, 100 - d.targetTestWeight(), 100 - d.targetProductionWeight())));
    o.set(
        "targetServiceRevision",
        revisionSummary(d.target(), now, d.targetTestWeight(), d.targetProductionWeight()));
    if (d.lifecycleStage() != null) {
      o.put("lifecycleStage", d.lifecycleStage());
    }
    ArrayNode hooks = o.putArray("lifecycleHookDetails");
    for (HookRun run : d.stageHooks()) {
      ObjectNode h = hooks.addObject();
      h.put("hookId", run.hookId());
      h.put("targetType", run.spec().targetType());
      if (run.spec().hookTargetArn() != null) {
        h.put("targetArn", run.spec().hookTargetArn());
      }
      h.put("status", run.status());
      putTime(h, "expiresAt", run.expiresAt());
      h.put("timeoutAction", run.spec().timeoutAction());
    }
    o.set("deploymentConfiguration", deploymentConfiguration(d.settings()));
    d.rollback()
        .ifPresent(
            r -> {
              ObjectNode rollback = o.putObject("rollback");
              rollback.put("reason", r.reason());
              putTime(rollback, "startedAt", r.startedAt());
              if (r.serviceRevisionArn() != null) {
                rollback.put("serviceRevisionArn", r.serviceRevisionArn());
              }
            });
    o.putObject("deploymentCircuitBreaker").put("status", "DISABLED");
    ObjectNode alarms = o.putObject("alarms");
    alarms.put("status", d.alarmStatus());
    ArrayNode names = alarms.putArray("alarmNames");
    d.settings().alarms().alarmNames().forEach(names::add);
    ArrayNode triggered = alarms.putArray("triggeredAlarmNames");
    d.triggeredAlarms().forEach(triggered::add);
    return o;
  }

  private static ObjectNode revisionSummary(
      ServiceRevision r, Instant now, double testWeight, double productionWeight) {
    ObjectNode o = Json.object();
    o.put("arn", r.arn());
    o.put("requestedTaskCount", r.requestedTaskCount());
    o.put("runningTaskCount", r.runningTaskCount(now));
    o.put("pendingTaskCount", r.pendingTaskCount(now));
    o.put("requestedTestTrafficWeight", testWeight);
    o.put("requestedProductionTrafficWeight", productionWeight);
    return o;
  }

  static ObjectNode brief(ServiceDeployment d) {
    ObjectNode o = Json.object();
    o.put("serviceDeploymentArn", d.arn());
    o.put("serviceArn", d.service().arn());
    o.put("clusterArn", d.service().clusterArn());
    putTime(o, "createdAt", d.createdAt());
    putTime(o, "startedAt", d.startedAt());
    putTime(o, "finishedAt", d.finishedAt());
    o.put("targetServiceRevisionArn", d.target().arn());
    o.put("status", d.status());
    if (d.statusReason() != null) {
      o.put("statusReason", d.statusReason());
    }
    return o;
  }

  static ObjectNode serviceRevision(ServiceRevision r) {
    ObjectNode o = Json.object();
    o.put("serviceRevisionArn", r.arn());
    o.put("serviceArn", r.service().arn());
    o.put("clusterArn", r.service().clusterArn());
    o.put("taskDefinition", r.taskDefinition().arn());
    o.put("launchType", "FARGATE");
    o.put("platformVersion", "1.4.0");
    o.put("platformFamily", "Linux");
    ArrayNode lbs = o.putArray("loadBalancers");
    if (r.loadBalancer() != null) {
      lbs.add(loadBalancer(r.loadBalancer()));
      // Which group of the pair this revision's tasks resolved to.
      o.putObject("resolvedConfiguration")
          .putArray("loadBalancers")
          .addObject()
          .put("targetGroupArn", r.loadBalancer().targetGroupArnOf(r.targetGroupName()))
          .put("productionListenerRule", r.loadBalancer().productionListenerRule());
    }
    o.putArray("serviceRegistries");
    ArrayNode images = o.putArray("containerImages");
    r.taskDefinition()
        .definition()
        .path("containerDefinitions")
        .forEach(
            c ->
                images
                    .addObject()
                    .put("containerName", c.path("name").asText())
                    .put("image", c.path("image").asText()));
    o.put("guardDutyEnabled", false);
    putTime(o, "createdAt", r.createdAt());
    return o;
  }
}
