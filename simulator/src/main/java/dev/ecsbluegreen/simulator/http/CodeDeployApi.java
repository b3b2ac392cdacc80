package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.Application;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.CodeDeployState;
import dev.ecsbluegreen.simulator.world.Deployment;
import dev.ecsbluegreen.simulator.world.DeploymentConfig;
import dev.ecsbluegreen.simulator.world.DeploymentGroup;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import dev.ecsbluegreen.simulator.world.Tags;
import dev.ecsbluegreen.simulator.world.TrafficRouting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** CodeDeploy (API 2014-10-06) operations over the simulated world. */
final class CodeDeployApi extends JsonApi {

  static final int BATCH_LIMIT = 25;
  static final int PAGE_SIZE = 100;
  private static final Set<String> STATUSES =
      Set.of(
          "Created", "Queued", "InProgress", "Baking", "Succeeded", "Failed", "Stopped", "Ready");

  private final CodeDeployViews views;

  CodeDeployApi(SimulatedAws aws) {
    super(aws, "codedeploy", "CodeDeploy_20141006");
    this.views = new CodeDeployViews(aws);
    operation("CreateApplication", this::createApplication);
    operation("GetApplication", this::getApplication);
    operation("BatchGetApplications", this::batchGetApplications);
    operation("ListApplications", this::listApplications);
    operation("DeleteApplication", this::deleteApplication);
    operation("CreateDeploymentGroup", this::createDeploymentGroup);
    operation("GetDeploymentGroup", this::getDeploymentGroup);
    operation("UpdateDeploymentGroup", this::updateDeploymentGroup);
    operation("DeleteDeploymentGroup", this::deleteDeploymentGroup);
    operation("ListDeploymentGroups", this::listDeploymentGroups);
    operation("BatchGetDeploymentGroups", this::batchGetDeploymentGroups);
    operation("CreateDeploymentConfig", this::createDeploymentConfig);
    operation("GetDeploymentConfig", this::getDeploymentConfig);
    operation("ListDeploymentConfigs", this::listDeploymentConfigs);
    operation("DeleteDeploymentConfig", this::deleteDeploymentConfig);
    operation("CreateDeployment", this::createDeployment);
    operation("GetDeployment", this::getDeployment);
    operation("BatchGetDeployments", this::batchGetDeployments);
    operation("ListDeployments", this::listDeployments);
    operation("ListDeploymentTargets", this::listDeploymentTargets);
    operation("BatchGetDeploymentTargets", this::batchGetDeploymentTargets);
    operation("GetDeploymentTarget", this::getDeploymentTarget);
    operation("ContinueDeployment", this::continueDeployment);
    operation("StopDeployment", this::stopDeployment);
    operation("SkipWaitTimeForInstanceTermination", this::skipWaitTimeForInstanceTermination);
    operation("PutLifecycleEventHookExecutionStatus", this::putLifecycleEventHookExecutionStatus);
    operation("ListTagsForResource", this::listTagsForResource);
    operation("TagResource", this::tagResource);
    operation("UntagResource", this::untagResource);
  }

  private CodeDeployState cd() {
    return aws.codeDeploy();
  }

  // ---- applications ----

  private JsonNode createApplication(JsonNode in, Instant now) {
    Application a =
        cd().createApplication(
                text(in, "applicationName"),
                text(in, "computePlatform"),
                Json.arrayOrEmpty(in, "tags"),
                now);
    return Json.object().put("applicationId", a.id());
  }

  private JsonNode getApplication(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set("application", views.application(cd().application(text(in, "applicationName"))));
    return out;
  }

  private JsonNode batchGetApplications(JsonNode in, Instant now) {
    List<String> names = Json.strings(in, "applicationNames");
    if (names.size() > 100) {
      throw AwsException.client("BatchLimitExceededException", "The maximum number is 100");
    }
    ObjectNode out = Json.object();
    var list = out.putArray("applicationsInfo");
    names.forEach(n -> list.add(views.application(cd().application(n))));
    return out;
  }

  private JsonNode listApplications(JsonNode in, Instant now) {
    List<String> names = cd().applications().stream().map(Application::name).sorted().toList();
    var page = Pages.page(names, text(in, "nextToken"), PAGE_SIZE, "InvalidNextTokenException");
    ObjectNode out = Json.object();
    out.set("applications", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode deleteApplication(JsonNode in, Instant now) {
    cd().application(text(in, "applicationName"));
    cd().deleteApplication(text(in, "applicationName"));
    return null;
  }

  // ---- deployment groups ----

  private static final List<String> GROUP_FIELDS =
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

  private static ObjectNode groupSettings(JsonNode in) {
    ObjectNode settings = Json.object();
    for (String field : GROUP_FIELDS) {
      JsonNode value = in.get(field);
      if (value != null && !value.isNull()) {
        settings.set(field, value.deepCopy());
      }
    }
    return settings;
  }

  private JsonNode createDeploymentGroup(JsonNode in, Instant now) {
    DeploymentGroup g =
        cd().createDeploymentGroup(
                text(in, "applicationName"),
                text(in, "deploymentGroupName"),
                groupSettings(in),
                Json.arrayOrEmpty(in, "tags"));
    return Json.object().put("deploymentGroupId", g.id());
  }

  private JsonNode getDeploymentGroup(JsonNode in, Instant now) {
    DeploymentGroup g = cd().group(text(in, "applicationName"), text(in, "deploymentGroupName"));
    ObjectNode out = Json.object();
    out.set("deploymentGroupInfo", views.deploymentGroup(g));
    return out;
  }

  private JsonNode updateDeploymentGroup(JsonNode in, Instant now) {
    cd().updateDeploymentGroup(
            text(in, "applicationName"),
            text(in, "currentDeploymentGroupName"),
            text(in, "newDeploymentGroupName"),
            groupSettings(in));
    ObjectNode out = Json.object();
    out.putArray("hooksNotCleanedUp");
    return out;
  }

  private JsonNode deleteDeploymentGroup(JsonNode in, Instant now) {
    cd().deleteDeploymentGroup(text(in, "applicationName"), text(in, "deploymentGroupName"));
    ObjectNode out = Json.object();
    out.putArray("hooksNotCleanedUp");
    return out;
  }

  private JsonNode listDeploymentGroups(JsonNode in, Instant now) {
    Application a = cd().application(text(in, "applicationName"));
    List<String> names = a.groups().keySet().stream().sorted().toList();
    var page = Pages.page(names, text(in, "nextToken"), PAGE_SIZE, "InvalidNextTokenException");
    ObjectNode out = Json.object();
    out.put("applicationName", a.name());
    out.set("deploymentGroups", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  private JsonNode batchGetDeploymentGroups(JsonNode in, Instant now) {
    Application a = cd().application(text(in, "applicationName"));
    List<String> names = Json.strings(in, "deploymentGroupNames");
    if (names.isEmpty()) {
      throw AwsException.client(
          "DeploymentGroupNameRequiredException", "deploymentGroupNames is required");
    }
    if (names.size() > 100) {
      throw AwsException.client("BatchLimitExceededException", "The maximum number is 100");
    }
    ObjectNode out = Json.object();
    var list = out.putArray("deploymentGroupsInfo");
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      DeploymentGroup g = a.groups().get(name);
      if (g == null) {
        missing.add(name);
      } else {
        list.add(views.deploymentGroup(g));
      }
    }
    if (!missing.isEmpty()) {
      out.put("errorMessage", "Deployment groups not found: " + String.join(", ", missing));
    }
    return out;
  }

  // ---- deployment configs ----

  private JsonNode deleteDeploymentConfig(JsonNode in, Instant now) {
    cd().deleteDeploymentConfig(text(in, "deploymentConfigName"));
    return null;
  }

  private JsonNode createDeploymentConfig(JsonNode in, Instant now) {
    String platform = text(in, "computePlatform");
    if (platform != null && !"ECS".equals(platform)) {
      throw AwsException.client(
          "InvalidComputePlatformException", "The simulator models only the ECS compute platform");
    }
    DeploymentConfig c =
        cd().createDeploymentConfig(
                text(in, "deploymentConfigName"),
                trafficRouting(in.path("trafficRoutingConfig")),
                now);
    return Json.object().put("deploymentConfigId", c.id());
  }

  private static TrafficRouting trafficRouting(JsonNode config) {
    String type = config.path("type").asText("AllAtOnce");
    return switch (type) {
      case "AllAtOnce" -> TrafficRouting.ALL_AT_ONCE;
      case "TimeBasedCanary" -> {
        JsonNode c = config.path("timeBasedCanary");
        yield TrafficRouting.canary(
            percentage(c.path("canaryPercentage")), interval(c.path("canaryInterval")));
      }
      case "TimeBasedLinear" -> {
        JsonNode l = config.path("timeBasedLinear");
        yield TrafficRouting.linear(
            percentage(l.path("linearPercentage")), interval(l.path("linearInterval")));
      }
      default ->
          throw AwsException.client(
              "InvalidTrafficRoutingConfigurationException",
              "Unknown traffic routing type " + type);
    };
  }

  private static int percentage(JsonNode value) {
    if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > 99) {
      throw AwsException.client(
          "InvalidTrafficRoutingConfigurationException", "The percentage must be from 1 to 99");
    }
    return value.asInt();
  }

  private static int interval(JsonNode value) {
    if (!value.canConvertToInt() || value.asInt() < 1) {
      throw AwsException.client(
          "InvalidTrafficRoutingConfigurationException", "The interval must be at least 1 minute");
    }
    return value.asInt();
  }

  private JsonNode getDeploymentConfig(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set(
        "deploymentConfigInfo",
        views.deploymentConfig(cd().config(text(in, "deploymentConfigName"))));
    return out;
  }

  private JsonNode listDeploymentConfigs(JsonNode in, Instant now) {
    List<String> names = cd().configs().stream().map(DeploymentConfig::name).sorted().toList();
    var page = Pages.page(names, text(in, "nextToken"), PAGE_SIZE, "InvalidNextTokenException");
    ObjectNode out = Json.object();
    out.set("deploymentConfigsList", Json.stringArray(page.items()));
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
    return out;
  }

  // ---- deployments ----

  private JsonNode createDeployment(JsonNode in, Instant now) {
    var request =
        new CodeDeployState.DeploymentRequest(
            text(in, "applicationName"),
            text(in, "deploymentGroupName"),
            in.get("revision"),
            text(in, "deploymentConfigName"),
            text(in, "description"),
            Json.objectOrNull(in, "autoRollbackConfiguration"),
            Json.objectOrNull(in, "overrideAlarmConfiguration"));
    return Json.object().put("deploymentId", cd().createDeployment(request, now).id());
  }

  private JsonNode getDeployment(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set("deploymentInfo", views.deploymentInfo(cd().deployment(text(in, "deploymentId"))));
    return out;
  }

  private JsonNode batchGetDeployments(JsonNode in, Instant now) {
    List<String> ids = Json.strings(in, "deploymentIds");
    if (ids.isEmpty()) {
      throw AwsException.client(
          "DeploymentIdRequiredException", "At least one deployment id is required");
    }
    if (ids.size() > BATCH_LIMIT) {
      throw AwsException.client(
          "BatchLimitExceededException", "The maximum number of deployment ids is " + BATCH_LIMIT);
    }
    ObjectNode out = Json.object();
    var list = out.putArray("deploymentsInfo");
    for (String id : ids) {
      try {
        list.add(views.deploymentInfo(cd().deployment(id)));
      } catch (AwsException e) {
        if (!"DeploymentDoesNotExistException".equals(e.errorCode())) {
          throw e;
        }
        // Unknown ids are left out of the answer; callers match by deploymentId.
      }
    }
    return out;
  }

  private JsonNode listDeployments(JsonNode in, Instant now) {
    String app = text(in, "applicationName");
    String group = text(in, "deploymentGroupName");
    if (group != null && app == null) {
      throw AwsException.client(
          "ApplicationNameRequiredException",
          "applicationName is required with deploymentGroupName");
    }
    if (app != null && group == null) {
      throw AwsException.client(
          "DeploymentGroupNameRequiredException",
          "deploymentGroupName is required with applicationName");
    }
    if (app != null) {
      cd().group(app, group);
    }
    List<String> statuses = Json.strings(in, "includeOnlyStatuses");
    for (String status : statuses) {
      if (!STATUSES.contains(status)) {
        throw AwsException.client("InvalidDeploymentStatusException", "Unknown status " + status);
      }
    }
    JsonNode range = in.path("createTimeRange");
    Instant start = Json.readTime(range.get("start"));
    Instant end = Json.readTime(range.get("end"));
    if (start != null && end != null && start.isAfter(end)) {
      throw AwsException.client(
          "InvalidTimeRangeException", "The start time is after the end time");
    }
    List<Deployment> matching = new ArrayList<>();
    for (Deployment d : cd().deployments()) {
      if (app != null && !(d.applicationName().equals(app) && d.groupName().equals(group))) {
        continue;
      }
      if (!statuses.isEmpty() && !statuses.contains(d.status().name())) {
        continue;
      }
      if (start != null && d.createTime().isBefore(start)) {
        continue;
      }
      if (end != null && d.createTime().isAfter(end)) {
        continue;
      }
      matching.add(d);
    }
    // Newest first. The token holds the creation ordinal of the last deployment returned, so
    // deployments created between two page requests do not shift the pages.
    java.util.Collections.reverse(matching);
    int from = 0;
    String token = text(in, "nextToken");
    if (token != null && !token.isEmpty()) {
      long after = Pages.decodeOrdinal(token, "InvalidNextTokenException");
      while (from < matching.size() && matching.get(from).ordinal() >= after) {
        from++;
      }
    }
    int to = Math.min(matching.size(), from + PAGE_SIZE);
    ObjectNode out = Json.object();
    out.set(
        "deployments",
        Json.stringArray(matching.subList(from, to).stream().map(Deployment::id).toList()));
    if (to < matching.size()) {
      out.put("nextToken", Pages.encodeOrdinal(matching.get(to - 1).ordinal()));
    }
    return out;
  }

  private Deployment startedDeployment(String id) {
    Deployment d = cd().deployment(id);
    if (d.status() == Deployment.Status.Created) {
      throw AwsException.client(
          "DeploymentNotStartedException", "The deployment " + id + " has not started");
    }
    return d;
  }

  private JsonNode listDeploymentTargets(JsonNode in, Instant now) {
    Deployment d = startedDeployment(text(in, "deploymentId"));
    JsonNode filters = in.path("targetFilters");
    filters
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!Set.of("TargetStatus", "ServerInstanceLabel").contains(name)) {
                throw AwsException.client(
                    "InvalidTargetFilterNameException", "Unknown target filter " + name);
              }
            });
    List<String> statusFilter = Json.strings(filters, "TargetStatus");
    ObjectNode out = Json.object();
    var ids = out.putArray("targetIds");
    if (statusFilter.isEmpty() || statusFilter.contains(d.targetStatus())) {
      ids.add(d.targetId());
    }
    return out;
  }

  private JsonNode batchGetDeploymentTargets(JsonNode in, Instant now) {
    Deployment d = startedDeployment(text(in, "deploymentId"));
    List<String> targetIds = Json.strings(in, "targetIds");
    if (targetIds.isEmpty()) {
      throw AwsException.client("DeploymentTargetIdRequiredException", "targetIds is required");
    }
    if (targetIds.size() > BATCH_LIMIT) {
      throw AwsException.client(
          "DeploymentTargetListSizeExceededException",
          "The maximum number of targets is " + BATCH_LIMIT);
    }
    ObjectNode out = Json.object();
    var list = out.putArray("deploymentTargets");
    for (String targetId : targetIds) {
      list.add(target(d, targetId, now));
    }
    return out;
  }

  private JsonNode getDeploymentTarget(JsonNode in, Instant now) {
    Deployment d = startedDeployment(text(in, "deploymentId"));
    ObjectNode out = Json.object();
    out.set("deploymentTarget", target(d, text(in, "targetId"), now));
    return out;
  }

  private ObjectNode target(Deployment d, String targetId, Instant now) {
    if (targetId == null || targetId.isEmpty()) {
      throw AwsException.client("DeploymentTargetIdRequiredException", "targetId is required");
    }
    if (!targetId.equals(d.targetId())) {
      throw AwsException.client(
          "DeploymentTargetDoesNotExistException",
          "The target " + targetId + " does not exist in deployment " + d.id());
    }
    return views.deploymentTarget(d, now);
  }

  private JsonNode continueDeployment(JsonNode in, Instant now) {
    String waitType = text(in, "deploymentWaitType");
    if (waitType != null && !Set.of("READY_WAIT", "TERMINATION_WAIT").contains(waitType)) {
      throw AwsException.client(
          "InvalidDeploymentWaitTypeException", "Unknown deploymentWaitType " + waitType);
    }
    aws.continueDeployment(text(in, "deploymentId"), waitType, now);
    return null;
  }

  private JsonNode stopDeployment(JsonNode in, Instant now) {
    boolean pending =
        aws.stopDeployment(text(in, "deploymentId"), Json.bool(in, "autoRollbackEnabled"), now);
    ObjectNode out = Json.object();
    out.put("status", pending ? "Pending" : "Succeeded");
    out.put(
        "statusMessage",
        pending
            ? "Stopping the deployment and rolling back to the original task set"
            : "The deployment was stopped");
    return out;
  }

  /** Deprecated by AWS in favour of ContinueDeployment(TERMINATION_WAIT), which it stands for. */
  private JsonNode skipWaitTimeForInstanceTermination(JsonNode in, Instant now) {
    aws.continueDeployment(text(in, "deploymentId"), "TERMINATION_WAIT", now);
    return null;
  }

  private JsonNode putLifecycleEventHookExecutionStatus(JsonNode in, Instant now) {
    String execution = text(in, "lifecycleEventHookExecutionId");
    if (execution == null || execution.isEmpty()) {
      throw AwsException.client(
          "InvalidLifecycleEventHookExecutionIdException",
          "lifecycleEventHookExecutionId is required");
    }
    aws.reportHook(text(in, "deploymentId"), execution, text(in, "status"), now);
    return Json.object().put("lifecycleEventHookExecutionId", execution);
  }

  // ---- tags ----

  private Tags tagsOf(String arn) {
    if (arn == null || arn.isEmpty()) {
      throw AwsException.client("ResourceArnRequiredException", "ResourceArn is required");
    }
    String[] parts = arn.split(":", 7);
    if (parts.length < 7 || !"codedeploy".equals(parts[2])) {
      throw AwsException.client("InvalidArnException", "The ARN " + arn + " is not valid");
    }
    String kind = parts[5];
    String name = parts[6];
    return switch (kind) {
      case "application" -> cd().application(name).tags();
      case "deploymentgroup" -> {
        int slash = name.indexOf('/');
        if (slash < 0) {
          throw AwsException.client("InvalidArnException", "The ARN " + arn + " is not valid");
        }
        yield cd().group(name.substring(0, slash), name.substring(slash + 1)).tags();
      }
      default ->
          throw AwsException.client("ArnNotSupportedException", "Tags are not supported on " + arn);
    };
  }

  private JsonNode listTagsForResource(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set("Tags", CodeDeployViews.tags(tagsOf(text(in, "ResourceArn")).ordered()));
    return out;
  }

  private JsonNode tagResource(JsonNode in, Instant now) {
    tagsOf(text(in, "ResourceArn")).add(in.get("Tags"));
    return Json.object();
  }

  private JsonNode untagResource(JsonNode in, Instant now) {
    tagsOf(text(in, "ResourceArn")).remove(in.get("TagKeys"));
    return Json.object();
  }
}
