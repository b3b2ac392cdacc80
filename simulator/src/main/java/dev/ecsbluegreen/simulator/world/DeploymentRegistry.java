package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * CodeDeploy's deployments: the rules CreateDeployment applies (revision, config, one active
 * deployment per group, a limit per account), lookup by id and the set of active ones. The
 * resources a deployment is made from live in {@link CodeDeployState}; moving deployments through
 * their lifecycle is {@link DeploymentEngine}'s job.
 */
public final class DeploymentRegistry {

  /** AWS's documented limit of concurrent deployments per account. */
  public static final int MAX_ACTIVE_DEPLOYMENTS = 1000;

  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final Set<Deployment> active = new LinkedHashSet<>();
  private final CodeDeployState resources;
  private final Ids ids;
  private final DeploymentEngine engine;
  private CodeDeployStateEvents stateEvents;

  DeploymentRegistry(
      CodeDeployState resources,
      Ids ids,
      EcsState ecs,
      TrafficRouter router,
      HookInvoker hooks,
      Alarms alarms,
      Scheduler scheduler,
      Timings timings) {
    this.resources = resources;
    this.ids = ids;
    this.engine = new DeploymentEngine(this, ecs, router, hooks, alarms, scheduler, timings, ids);
  }

  void announceTo(CodeDeployStateEvents events) {
    this.stateEvents = events;
  }

  /** The deployment (or a rollback) has started. */
  void started(Deployment deployment, Instant at) {
    if (stateEvents != null) {
      stateEvents.started(deployment, at);
    }
  }

  /** The deployment waits in the ready wait to be continued. */
  void ready(Deployment deployment, Instant at) {
    if (stateEvents != null) {
      stateEvents.ready(deployment, at);
    }
  }

  DeploymentEngine engine() {
    return engine;
  }

  /** The arguments of CreateDeployment that matter for ECS. */
  public record DeploymentRequest(
      String applicationName,
      String groupName,
      JsonNode revision,
      String configName,
      String description,
      ObjectNode autoRollbackConfiguration,
      ObjectNode overrideAlarmConfiguration) {}

  public Deployment createDeployment(DeploymentRequest request, Instant at) {
    Application application = resources.application(request.applicationName());
    if (request.groupName() == null || request.groupName().isEmpty()) {
      throw AwsException.client(
          "DeploymentGroupNameRequiredException", "Deployment group name must be specified");
    }
    DeploymentGroup group = resources.group(application.name(), request.groupName());
    if (request.description() != null && request.description().length() > 256) {
      throw AwsException.client(
          "DescriptionTooLongException", "The description is too long (at most 256 characters)");
    }
    String content = appSpecContent(request.revision());
    String configName =
        request.configName() != null ? request.configName() : group.deploymentConfigName();
    DeploymentConfig config = resources.config(configName);
    requireFreeSlot(group);
    ObjectNode rollbackJson =
        request.autoRollbackConfiguration() != null
            ? request.autoRollbackConfiguration()
            : (ObjectNode) group.settings().get("autoRollbackConfiguration");
    ObjectNode alarmJson =
        request.overrideAlarmConfiguration() != null
            ? request.overrideAlarmConfiguration()
            : (ObjectNode) group.settings().get("alarmConfiguration");
    Deployment previous = group.lastSuccessful();
    var deployment =
        new Deployment(
            ids.deploymentId(),
            group,
            config.name(),
            config.routing(),
            at,
            request.description(),
            "user",
            revisionWithoutContent(request.revision()),
            previous == null ? null : previous.revision(),
            content,
            AutoRollback.from(rollbackJson),
            rollbackJson,
            AlarmSettings.from(alarmJson),
            request.overrideAlarmConfiguration(),
            null);
    register(deployment);
    engine.schedule(deployment, at.plus(engine.startDelay()));
    return deployment;
  }

  /** One active deployment per group and a limit per account, as AWS enforces them. */
  private void requireFreeSlot(DeploymentGroup group) {
    if (group.activeDeploymentId() != null) {
      throw AwsException.client(
          "DeploymentLimitExceededException",
          "The Deployment Group '%s' already has an active Deployment '%s'"
              .formatted(group.name(), group.activeDeploymentId()));
    }
    if (active.size() >= MAX_ACTIVE_DEPLOYMENTS) {
      throw AwsException.client(
          "DeploymentLimitExceededException",
          "The account already has " + MAX_ACTIVE_DEPLOYMENTS + " active deployments");
    }
  }

  void register(Deployment deployment) {
    deployments.put(deployment.id(), deployment);
    active.add(deployment);
    deployment.group().setActiveDeploymentId(deployment.id());
    deployment.group().setLastAttempted(deployment);
  }

  void finished(Deployment deployment) {
    active.remove(deployment);
    if (deployment.id().equals(deployment.group().activeDeploymentId())) {
      deployment.group().setActiveDeploymentId(null);
    }
    if (deployment.status() == Deployment.Status.Succeeded) {
      deployment.group().setLastSuccessful(deployment);
    }
    if (stateEvents != null) {
      stateEvents.ended(deployment);
    }
  }

  private static String appSpecContent(JsonNode revision) {
    if (revision == null || revision.isNull() || revision.isMissingNode()) {
      throw AwsException.client("RevisionRequiredException", "RevisionLocation must be specified");
    }
    String type = revision.path("revisionType").asText("");
    JsonNode holder =
        switch (type) {
          case "AppSpecContent" -> revision.path("appSpecContent");
          case "String" -> revision.path("string");
          default ->
              throw AwsException.client(
                  "InvalidRevisionException",
                  "Unsupported revisionType '"
                      + type
                      + "': the simulator accepts AppSpecContent and String revisions");
        };
    String content = holder.path("content").asText(null);
    if (content == null || content.isEmpty()) {
      throw AwsException.client("InvalidRevisionException", "The AppSpec content is missing");
    }
    String sha256 = holder.path("sha256").asText(null);
    if (sha256 != null && !sha256.isEmpty() && !sha256.equalsIgnoreCase(sha256Hex(content))) {
      throw AwsException.client(
          "InvalidRevisionException", "The sha256 does not match the AppSpec content");
    }
    return content;
  }

  /** GetDeployment never returns the AppSpec content, only its hash. */
  private static ObjectNode revisionWithoutContent(JsonNode revision) {
    ObjectNode copy = ((ObjectNode) revision).deepCopy();
    for (String holder : new String[] {"appSpecContent", "string"}) {
      if (copy.path(holder).isObject()) {
        ObjectNode h = (ObjectNode) copy.get(holder);
        String content = h.path("content").asText(null);
        h.remove("content");
        if (!h.has("sha256") && content != null) {
          h.put("sha256", sha256Hex(content));
        }
      }
    }
    return copy;
  }

  static String sha256Hex(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Deployment deployment(String id) {
    if (id == null || id.isEmpty()) {
      throw AwsException.client("DeploymentIdRequiredException", "Deployment id is required");
    }
    Deployment deployment = deployments.get(id);
    if (deployment == null) {
      if (!id.matches("d-[A-Z0-9]{9}")) {
        throw AwsException.client(
            "InvalidDeploymentIdException",
            "Specified DeploymentId is not in the valid format: " + id);
      }
      throw AwsException.client(
          "DeploymentDoesNotExistException", "The deployment " + id + " could not be found");
    }
    return deployment;
  }

  public Collection<Deployment> deployments() {
    return deployments.values();
  }

  public Collection<Deployment> activeDeployments() {
    return active;
  }

  String newDeploymentId() {
    return ids.deploymentId();
  }
}
