package dev.ecsbluegreen.simulator.http;

import static dev.ecsbluegreen.simulator.http.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsbluegreen.simulator.world.AwsException;
import dev.ecsbluegreen.simulator.world.Deployment;
import dev.ecsbluegreen.simulator.world.DeploymentRegistry;
import dev.ecsbluegreen.simulator.world.SimulatedAws;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The CodeDeploy operations on deployments: creating, reading and listing them, their targets, and
 * the calls that move a running one (continue, stop, hook status reports). {@link CodeDeployApi}
 * holds the dispatch table.
 */
final class CodeDeployDeployments {

  private static final int BATCH_LIMIT = CodeDeployApi.BATCH_LIMIT;
  private static final int PAGE_SIZE = CodeDeployApi.PAGE_SIZE;
  private static final Set<String> STATUSES =
      Set.of(
          "Created", "Queued", "InProgress", "Baking", "Succeeded", "Failed", "Stopped", "Ready");

  private final SimulatedAws aws;
  private final CodeDeployViews views;

  CodeDeployDeployments(SimulatedAws aws, CodeDeployViews views) {
    this.aws = aws;
    this.views = views;
  }

  private DeploymentRegistry registry() {
    return aws.deployments();
  }

  JsonNode createDeployment(JsonNode in, Instant now) {
    var request =
        new DeploymentRegistry.DeploymentRequest(
            text(in, "applicationName"),
            text(in, "deploymentGroupName"),
            in.get("revision"),
            text(in, "deploymentConfigName"),
            text(in, "description"),
            Json.objectOrNull(in, "autoRollbackConfiguration"),
            Json.objectOrNull(in, "overrideAlarmConfiguration"));
    return Json.object().put("deploymentId", registry().createDeployment(request, now).id());
  }

  JsonNode getDeployment(JsonNode in, Instant now) {
    ObjectNode out = Json.object();
    out.set(
        "deploymentInfo", views.deploymentInfo(registry().deployment(text(in, "deploymentId"))));
    return out;
  }

  JsonNode batchGetDeployments(JsonNode in, Instant now) {
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
        list.add(views.deploymentInfo(registry().deployment(id)));
      } catch (AwsException e) {
        if (!"DeploymentDoesNotExistException".equals(e.errorCode())) {
          throw e;
        }
        // Unknown ids are left out of the answer; callers match by deploymentId.
      }
    }
    return out;
  }

  JsonNode listDeployments(JsonNode in, Instant now) {
    String app = text(in, "applicationName");
    String group = text(in, "deploymentGroupName");
    requireWholeGroupFilter(app, group);
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
    for (Deployment d : registry().deployments()) {
      if (matches(d, app, group, statuses, start, end)) {
        matching.add(d);
      }
    }
    return deploymentPage(matching, text(in, "nextToken"));
  }

  /** The group filter names both the application and the group, and the group must exist. */
  private void requireWholeGroupFilter(String app, String group) {
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
      aws.codeDeploy().group(app, group);
    }
  }

  private static boolean matches(
      Deployment d, String app, String group, List<String> statuses, Instant start, Instant end) {
    if (app != null && !(d.applicationName().equals(app) && d.groupName().equals(group))) {
      return false;
    }
    if (!statuses.isEmpty() && !statuses.contains(d.status().name())) {
      return false;
    }
    if (start != null && d.createTime().isBefore(start)) {
      return false;
    }
    return end == null || !d.createTime().isAfter(end);
  }

  /** {@code matching} is in creation order; pages list it newest first. */
  private static ObjectNode deploymentPage(List<Deployment> matching, String token) {
    // Newest first. The token holds the creation ordinal of the last deployment returned, so
    // deployments created between two page requests do not shift the pages.
    Collections.reverse(matching);
    int from = 0;
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
    Deployment d = registry().deployment(id);
    if (d.status() == Deployment.Status.Created) {
      throw AwsException.client(
          "DeploymentNotStartedException", "The deployment " + id + " has not started");
    }
    return d;
  }

  JsonNode listDeploymentTargets(JsonNode in, Instant now) {
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

  JsonNode batchGetDeploymentTargets(JsonNode in, Instant now) {
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

  JsonNode getDeploymentTarget(JsonNode in, Instant now) {
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

  JsonNode continueDeployment(JsonNode in, Instant now) {
    String waitType = text(in, "deploymentWaitType");
    if (waitType != null && !Set.of("READY_WAIT", "TERMINATION_WAIT").contains(waitType)) {
      throw AwsException.client(
          "InvalidDeploymentWaitTypeException", "Unknown deploymentWaitType " + waitType);
    }
    aws.continueDeployment(text(in, "deploymentId"), waitType, now);
    return null;
  }

  JsonNode stopDeployment(JsonNode in, Instant now) {
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
  JsonNode skipWaitTimeForInstanceTermination(JsonNode in, Instant now) {
    aws.continueDeployment(text(in, "deploymentId"), "TERMINATION_WAIT", now);
    return null;
  }

  JsonNode putLifecycleEventHookExecutionStatus(JsonNode in, Instant now) {
    String execution = text(in, "lifecycleEventHookExecutionId");
    if (execution == null || execution.isEmpty()) {
      throw AwsException.client(
          "InvalidLifecycleEventHookExecutionIdException",
          "lifecycleEventHookExecutionId is required");
    }
    aws.reportHook(text(in, "deploymentId"), execution, text(in, "status"), now);
    return Json.object().put("lifecycleEventHookExecutionId", execution);
  }
}
